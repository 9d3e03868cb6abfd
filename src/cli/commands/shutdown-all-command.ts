// Body of `hv shutdown-all [--timeout S] [--dry-run]`: plan the stop order (hand-started VMs, then the
// autostart ones in reverse boot order), print it (dry run) or stop them one by one, ACPI then force
// off after the timeout, and report per VM. Nothing up: "nothing to do", exit 0.
import { exitCodeFor, type HvError } from '../../core/errors/index.js';
import { validateInt } from '../../core/validate/validate-int.js';
import { isSkipped } from '../../core/vm/bulk/run-bulk.js';
import { listAutostartVms } from '../../core/vm/autostart/list-autostart-vms.js';
import { planShutdown, type ShutdownStep } from '../../core/vm/autostart/plan-shutdown.js';
import { shutdownAll } from '../../core/vm/autostart/shutdown-all.js';
import type { CliContext } from '../context.js';
import { bulkJsonLine, renderBulkTable } from '../render/bulk-results.js';
import { printText } from '../render/output.js';
import { renderTable, type Column } from '../render/table.js';
import { progressLine } from './autostart-run-session.js';
import { withManageHost } from './manage-session.js';

/** Flags of `hv shutdown-all`. */
export interface ShutdownAllFlags {
  timeout?: string;
  dryRun?: boolean;
}

const PLAN_COLUMNS: readonly Column<ShutdownStep>[] = [
  { header: '#', value: (s) => String(s.position), align: 'right' },
  { header: 'NAME', value: (s) => s.name, flexible: true },
  { header: 'STATE', value: (s) => s.state },
  { header: 'AUTOSTART', value: (s) => (s.autostart ? 'yes' : 'no') },
  { header: 'GROUP', value: (s) => (s.autostart ? (s.group ?? '-') : '') },
  { header: 'PRIO', value: (s) => (s.priority === undefined ? '' : String(s.priority)), align: 'right' },
];

/** `hv shutdown-all`; returns the exit code (0 all off; else the first failure's; 130 interrupted). */
export async function shutdownAllCommand(ctx: CliContext, flags: ShutdownAllFlags): Promise<number> {
  const timeoutFlag =
    flags.timeout === undefined
      ? undefined
      : validateInt('--timeout', flags.timeout, { min: 1, max: 86_400 });
  return withManageHost(ctx, async (client, config) => {
    const timeoutSeconds = timeoutFlag ?? config.autostart.stop_timeout_seconds;
    const inventory = await listAutostartVms(client, ctx.signal);
    const plan = planShutdown(inventory.all, inventory.autostart, config.autostart.groups_order);
    if (plan.length === 0) {
      if (!ctx.options.json) printText(ctx, 'no VM is running: nothing to do');
      return 0;
    }
    const width = ctx.stdout.isTTY === true ? ctx.stdout.columns : undefined;
    if (flags.dryRun === true) {
      if (ctx.options.json) {
        for (const s of plan)
          ctx.stdout.write(`${JSON.stringify({ ...s, timeout_seconds: timeoutSeconds })}\n`);
      } else {
        printText(ctx, renderTable(plan, PLAN_COLUMNS, width));
        printText(ctx, `each: ACPI shutdown, then force off after ${timeoutSeconds} s`);
      }
      return 0;
    }
    let lastTick = 0;
    const results = await shutdownAll(client, plan, {
      timeoutSeconds,
      signal: ctx.signal,
      onStart: (s) => {
        lastTick = 0;
        progressLine(
          ctx,
          `[${s.position}/${plan.length}] stopping ${s.name} (ACPI, force off after ${timeoutSeconds} s)`,
        );
      },
      onProgress: (p) => {
        const s = Math.floor(p.elapsedMs / 1000);
        if (s >= lastTick + 10) {
          lastTick = s;
          progressLine(ctx, `  ${p.name}: still waiting (${s}/${p.timeoutMs / 1000} s)`);
        }
      },
      onResult: (r) => {
        if (ctx.options.json) ctx.stdout.write(`${bulkJsonLine(r)}\n`);
      },
    });
    if (!ctx.options.json) printText(ctx, renderBulkTable(results, width));
    if (ctx.signal.aborted) return exitCodeFor('INTERRUPTED');
    const failed = results.filter(
      (r): r is { name: string; ok: false; error: HvError; ms: number } => !r.ok && !isSkipped(r),
    );
    if (failed.length > 0 && !ctx.options.json) {
      ctx.stderr.write(`hv: shutdown-all: ${failed.length} of ${plan.length} VMs could not be stopped\n`);
    }
    return failed[0]?.error.exitCode ?? 0;
  });
}
