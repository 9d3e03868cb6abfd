// Body of `hv autostart run [--dry-run]`: read the autostart VMs, plan the boot order, print the plan
// (dry run) or carry it out with progress lines, then one table (or one JSON line per VM as it ends).
import { exitCodeFor } from '../../core/errors/index.js';
import { listAutostartVms } from '../../core/vm/autostart/list-autostart-vms.js';
import { planAutostart, type AutostartStep } from '../../core/vm/autostart/plan-autostart.js';
import { isNotRun, runAutostart, type AutostartResult } from '../../core/vm/autostart/run-autostart.js';
import type { CliContext } from '../context.js';
import { printText } from '../render/output.js';
import { renderTable, type Column } from '../render/table.js';
import { progressLine, secondsText } from './autostart-run-session.js';
import { withManageHost } from './manage-session.js';

/** Flags of `hv autostart run`. */
export interface AutostartRunFlags {
  dryRun?: boolean;
}

const STEP_COLUMNS: readonly Column<AutostartStep>[] = [
  { header: '#', value: (s) => String(s.position), align: 'right' },
  { header: 'NAME', value: (s) => s.name, flexible: true },
  { header: 'GROUP', value: (s) => s.group ?? '-' },
  { header: 'PRIO', value: (s) => String(s.priority), align: 'right' },
  { header: 'STATE', value: (s) => s.state },
  {
    header: 'PLAN',
    value: (s) =>
      s.action === 'skip'
        ? 'skip (up already)'
        : s.delayBeforeMs > 0
          ? `wait ${secondsText(s.delayBeforeMs)}${s.groupChange ? ' (new group)' : ''}, start`
          : 'start',
  },
];

function resultWord(r: AutostartResult): string {
  return r.ok ? r.outcome : isNotRun(r) ? 'not run' : 'failed';
}

const RESULT_COLUMNS: readonly Column<AutostartResult>[] = [
  { header: '#', value: (r) => String(r.step.position), align: 'right' },
  { header: 'NAME', value: (r) => r.step.name },
  { header: 'GROUP', value: (r) => r.step.group ?? '-' },
  { header: 'PRIO', value: (r) => String(r.step.priority), align: 'right' },
  { header: 'RESULT', value: resultWord },
  { header: 'TIME', value: (r) => ('ms' in r ? secondsText(r.ms) : '-'), align: 'right' },
  {
    header: 'ERROR',
    value: (r) => ('error' in r ? `${r.error.message} [${r.error.code}]` : ''),
    flexible: true,
  },
];

function stepJson(s: AutostartStep): Record<string, unknown> {
  return {
    position: s.position,
    name: s.name,
    group: s.group ?? null,
    priority: s.priority,
    state: s.state,
    action: s.action,
    delay_before_ms: s.delayBeforeMs,
    group_change: s.groupChange,
  };
}

function resultJson(r: AutostartResult): string {
  const base = { position: r.step.position, name: r.step.name, group: r.step.group ?? null };
  if (r.ok) return JSON.stringify({ ...base, ok: true, result: r.outcome, ms: Math.round(r.ms) });
  if (isNotRun(r)) return JSON.stringify({ ...base, ok: false, skipped: true });
  return JSON.stringify({ ...base, ok: false, ms: Math.round(r.ms), ...r.error.toJSON() });
}

function width(ctx: CliContext): number | undefined {
  return ctx.stdout.isTTY === true ? ctx.stdout.columns : undefined;
}

/** `hv autostart run`; returns the exit code (0 all up; else the first failure's; 130 interrupted). */
export async function autostartRun(ctx: CliContext, flags: AutostartRunFlags): Promise<number> {
  return withManageHost(ctx, async (client, config) => {
    const { autostart } = await listAutostartVms(client, ctx.signal);
    const plan = planAutostart(autostart, config.autostart);
    if (plan.length === 0) {
      if (ctx.options.json) return 0;
      printText(ctx, 'no VM has autostart on (hv autostart on NAME): nothing to do');
      return 0;
    }
    if (flags.dryRun === true) {
      if (ctx.options.json) for (const s of plan) ctx.stdout.write(`${JSON.stringify(stepJson(s))}\n`);
      else printText(ctx, renderTable(plan, STEP_COLUMNS, width(ctx)));
      return 0;
    }
    const total = plan.length;
    const results = await runAutostart(client, plan, {
      waitRunningMs: config.autostart.wait_running_seconds * 1000,
      signal: ctx.signal,
      onEvent: (e) => {
        if (e.kind === 'waiting') {
          const why = e.step.groupChange ? ` (group ${e.step.group ?? '(none)'} next)` : '';
          progressLine(ctx, `waiting ${secondsText(e.step.delayBeforeMs)}${why}`);
        } else if (e.kind === 'starting') {
          progressLine(ctx, `[${e.step.position}/${total}] starting ${e.step.name}`);
        } else {
          if (ctx.options.json) ctx.stdout.write(`${resultJson(e.result)}\n`);
          if (!e.result.ok && !isNotRun(e.result)) {
            progressLine(
              ctx,
              `[${e.result.step.position}/${total}] ${e.result.step.name} failed: ${e.result.error.message}`,
            );
          }
        }
      },
    });
    if (!ctx.options.json) printText(ctx, renderTable(results, RESULT_COLUMNS, width(ctx)));
    if (ctx.signal.aborted) return exitCodeFor('INTERRUPTED');
    const failed = results.filter((r) => !r.ok && !isNotRun(r));
    if (failed.length > 0 && !ctx.options.json) {
      ctx.stderr.write(`hv: autostart run: ${failed.length} of ${total} VMs failed to start\n`);
    }
    const first = failed[0];
    return first !== undefined && 'error' in first ? first.error.exitCode : 0;
  });
}
