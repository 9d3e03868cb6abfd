// Why: the shared body of every bulk verb: connect, resolve the selector, run the work per VM in parallel,
// print the per-VM results (table, or JSON lines as they come), and turn them into one exit code.
// Ctrl-C stops launching new VMs; what ran is reported, the rest shows as skipped, and the exit is 130.
import type { LibvirtClient } from '../../libvirt/index.js';
import { exitCodeFor, type HvError } from '../../core/errors/index.js';
import { openHost } from '../../core/host/open-host.js';
import { hostUri } from '../host-uri.js';
import { isSkipped, runBulk, type BulkResult } from '../../core/vm/bulk/run-bulk.js';
import { selectVms, type VmSelector } from '../../core/vm/select/select-vms.js';
import type { CliContext } from '../context.js';
import { bulkProgress } from '../render/bulk-progress.js';
import { bulkJsonLine, renderBulkTable, type BulkOutcome } from '../render/bulk-results.js';
import { printError, printText } from '../render/output.js';

/** The work for one VM; `signal` aborts on Ctrl-C. */
export type BulkWork = (client: LibvirtClient, name: string, signal: AbortSignal) => Promise<BulkOutcome>;

/** Options of {@link runBulkCommand}. */
export interface BulkCommandOptions {
  /** VMs handled at once (see parallelFromFlags). */
  readonly parallel: number;
}

/** The exit code of a finished run: 130 if interrupted, else the first failure's, else 0. */
function exitCodeOf(results: readonly BulkResult<BulkOutcome>[], interrupted: boolean): number {
  if (interrupted) return exitCodeFor('INTERRUPTED');
  const failed = results.find(
    (r): r is { name: string; ok: false; error: HvError; ms: number } => !r.ok && !isSkipped(r),
  );
  return failed === undefined ? 0 : failed.error.exitCode;
}

/**
 * Run `work` on every VM `selector` picks and report per VM. `verbLabel` names the action in messages
 * (`start`, `stop`...). Selector errors (no such VM, bad name, nothing selected) throw before any work.
 * @returns the process exit code.
 */
export async function runBulkCommand(
  ctx: CliContext,
  selector: VmSelector,
  verbLabel: string,
  work: BulkWork,
  opts: BulkCommandOptions,
): Promise<number> {
  const client = await openHost(await hostUri(ctx), { signal: ctx.signal });
  try {
    const vms = await selectVms(client, selector, { signal: ctx.signal });
    if (vms.length === 0) {
      if (!ctx.options.json) printText(ctx, 'no VMs selected');
      return 0;
    }
    const progress = bulkProgress(ctx, verbLabel, vms.length);
    const results = await runBulk(
      vms.map((vm) => vm.name),
      async (name, signal) => {
        progress.started(name);
        try {
          return await work(client, name, signal);
        } finally {
          progress.finished(name);
        }
      },
      {
        parallel: opts.parallel,
        signal: ctx.signal,
        onResult: (r) => {
          if (ctx.options.json) ctx.stdout.write(`${bulkJsonLine(r)}\n`);
        },
      },
    );
    progress.done();
    if (!ctx.options.json) {
      printText(ctx, renderBulkTable(results, ctx.stdout.isTTY === true ? ctx.stdout.columns : undefined));
    }
    const interrupted = ctx.signal.aborted;
    const failed = results.filter((r) => !r.ok && !isSkipped(r)).length;
    const skipped = results.filter(isSkipped).length;
    if (ctx.options.quiet && !ctx.options.json) {
      // --quiet drops the table, so each failure gets its error line.
      for (const r of results) if (!r.ok && !isSkipped(r)) printError(ctx, r.error);
    }
    if (!ctx.options.json && (interrupted || failed > 0)) {
      const done = results.length - failed - skipped;
      ctx.stderr.write(
        `hv: ${verbLabel}: ${interrupted ? 'interrupted; ' : ''}${done} done, ${failed} failed, ${skipped} skipped\n`,
      );
    }
    return exitCodeOf(results, interrupted);
  } finally {
    await client.close();
  }
}
