// The body of `hv backup prune [VM] [--dry-run] --keep-...` on stored backups: retention per VM over the
// catalog with chain safety (src/core/backup/prune-backups.ts); prints what it removes and keeps, and why.
import { hostTimeZone, retentionPrunes, validateTimeZone } from '../../core/retention/index.js';
import { UsageError } from '../../core/errors/index.js';
import { validateName } from '../../core/validate/validate-name.js';
import type { CliContext } from '../context.js';
import { printJson, printText } from '../render/output.js';
import { renderTable } from '../render/table.js';
import type { BackupPruneOptions } from './backup-prune.js';
import { retentionFromFlags } from './retention-flags.js';
import { withBackupSession } from './backup-session.js';

/** Run `hv backup prune` on the catalog. */
export async function backupPrune(
  ctx: CliContext,
  args: readonly string[],
  opts: BackupPruneOptions,
): Promise<number> {
  if (args.length > 1) throw new UsageError('hv backup prune takes at most one VM');
  const vm = args[0] === undefined ? undefined : validateName('vm', args[0]);
  const options = retentionFromFlags(opts);
  if (!retentionPrunes(options) && opts.keepAll !== true) {
    throw new UsageError(
      'give at least one --keep-... option (or --keep-all); prune never guesses what to keep',
    );
  }
  const timeZone = opts.tz === undefined ? hostTimeZone() : validateTimeZone('--tz', opts.tz);
  return withBackupSession(ctx, false, async (s) => {
    const results = await s.service.prune({
      ...(vm === undefined ? {} : { vms: [vm] }),
      options,
      timeZone,
      dryRun: opts.dryRun === true,
      warn: s.warn,
    });
    if (ctx.options.json) {
      printJson(ctx, { dryRun: opts.dryRun === true, timeZone, vms: results });
      return 0;
    }
    if (results.length === 0) printText(ctx, vm === undefined ? 'no backups' : `no backups of ${vm}`);
    for (const r of results) {
      printText(ctx, `${r.vm}:`);
      printText(
        ctx,
        renderTable(r.decisions, [
          { header: 'ID', value: (d) => d.id },
          {
            header: 'ACTION',
            value: (d) =>
              d.action === 'remove' ? (opts.dryRun === true ? 'would remove' : 'removed') : 'keep',
          },
          { header: 'REASON', value: (d) => d.reason, flexible: true },
        ]),
      );
      const removing = r.decisions.filter((d) => d.action === 'remove').length;
      printText(
        ctx,
        `${r.decisions.length - removing} kept, ${removing} ${opts.dryRun === true ? 'would be removed (dry run)' : 'removed'}`,
      );
    }
    return 0;
  });
}
