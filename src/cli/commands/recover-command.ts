// Body of `hv recover [--dry-run]`: find crashed VMs, restart each (destroy + start) within the daily cap
// and backoff kept in hv.db, and report per VM (table, or one JSON line per VM). Nothing crashed: exit 0.
import { join } from 'node:path';
import { exitCodeFor } from '../../core/errors/index.js';
import { openStateDb, STATE_DB_FILE } from '../../core/store/state-db.js';
import { recoverCrashed, type RecoveryReport } from '../../core/vm/recover/recover-crashed.js';
import { RecoveryLog } from '../../core/vm/recover/recovery-log.js';
import type { CliContext } from '../context.js';
import { printText } from '../render/output.js';
import { renderTable, type Column } from '../render/table.js';
import { progressLine } from './autostart-run-session.js';
import { withManageHost } from './manage-session.js';

/** Flags of `hv recover`. */
export interface RecoverFlags {
  dryRun?: boolean;
}

const COLUMNS: readonly Column<RecoveryReport>[] = [
  { header: 'NAME', value: (r) => r.vm.name },
  { header: 'FOUND', value: (r) => r.vm.foundState },
  { header: 'RESULT', value: (r) => r.result },
  { header: 'ATTEMPTS/24H', value: (r) => String(r.attempts), align: 'right' },
  {
    header: 'NOTE',
    value: (r) => (r.error === undefined ? '' : `${r.error.message} [${r.error.code}]`),
    flexible: true,
  },
];

function jsonLine(r: RecoveryReport): string {
  return JSON.stringify({
    name: r.vm.name,
    uuid: r.vm.uuid,
    found_state: r.vm.foundState,
    result: r.result,
    ok: r.result === 'restarted' || r.result === 'would restart' || r.result === 'already running',
    attempts_24h: r.attempts,
    attempts_this_run: r.attemptsThisRun,
    ...(r.nextAt !== undefined && { next_attempt_at: r.nextAt.toISOString() }),
    ...(r.error !== undefined && r.error.toJSON()),
  });
}

/** `hv recover`; returns the exit code (0: every crashed VM runs again, or none crashed). */
export async function recoverCommand(ctx: CliContext, flags: RecoverFlags): Promise<number> {
  return withManageHost(ctx, async (client, config) => {
    const db = openStateDb(join(config.state_dir, STATE_DB_FILE));
    try {
      const reports = await recoverCrashed(client, new RecoveryLog(db), {
        config: config.recover,
        waitRunningMs: config.autostart.wait_running_seconds * 1000,
        dryRun: flags.dryRun === true,
        signal: ctx.signal,
        onAttempt: (vm, n) => {
          progressLine(
            ctx,
            `restarting ${vm.name} (${vm.foundState}; attempt ${n} of ${config.recover.max_attempts_per_day} in 24 h)`,
          );
        },
        onReport: (r) => {
          if (ctx.options.json) ctx.stdout.write(`${jsonLine(r)}\n`);
        },
      });
      if (reports.length === 0) {
        if (!ctx.options.json) printText(ctx, 'no crashed VMs: nothing to do');
        return 0;
      }
      if (!ctx.options.json) {
        printText(
          ctx,
          renderTable(reports, COLUMNS, ctx.stdout.isTTY === true ? ctx.stdout.columns : undefined),
        );
      }
      if (ctx.signal.aborted) return exitCodeFor('INTERRUPTED');
      const failed = reports.filter((r) => r.error !== undefined);
      if (failed.length > 0 && !ctx.options.json) {
        ctx.stderr.write(`hv: recover: ${failed.length} of ${reports.length} crashed VMs not recovered\n`);
      }
      return failed[0]?.error?.exitCode ?? 0;
    } finally {
      db.close();
    }
  });
}
