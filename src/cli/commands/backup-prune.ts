// `hv backup prune`: registration and dispatch only. `--simulate FILE` runs the retention simulator
// (backup-prune-simulate.ts); otherwise the stored backups in the catalog are pruned with chain safety
// (backup-prune-command.ts, src/core/backup). Bodies load when the command runs.
import type { CommandRegistrar } from '../command.js';
import { backupNoun } from './backup-noun.js';
import { addRetentionFlags, type RetentionFlags } from './retention-flags.js';

/** Options of `hv backup prune`. */
export interface BackupPruneOptions extends RetentionFlags {
  simulate?: string;
  tz?: string;
  dryRun?: boolean;
}

/** Registers `hv backup prune`. */
export const registerBackupPrune: CommandRegistrar = (program, action) => {
  addRetentionFlags(
    backupNoun(program)
      .command('prune')
      .description('remove old backups by retention rules (Proxmox semantics, docs/retention.md)')
      .argument('[vm]', 'only this VM (default: every VM)')
      .option(
        '--simulate <file>',
        'no backups: show what the rules keep of the timestamps in FILE (- for stdin)',
      )
      .option(
        '--tz <zone>',
        'IANA time zone for the hour/day/week/month/year buckets (default: the host zone)',
      )
      .option('--dry-run', 'show what would be removed, remove nothing'),
  )
    .addHelpText(
      'after',
      '\nThe simulator reads one timestamp per line: ISO 8601 with an offset, or epoch seconds;\n' +
        'blank lines and # comments are ignored. With --json it prints {"keep":[...],"remove":[...]}.',
    )
    .action(
      action<BackupPruneOptions>(async (ctx, args, opts) => {
        if (opts.simulate !== undefined) {
          const { backupPruneSimulate } = await import('./backup-prune-simulate.js');
          return backupPruneSimulate(ctx, args, opts.simulate, opts);
        }
        const { backupPrune } = await import('./backup-prune-command.js');
        return backupPrune(ctx, args, opts);
      }),
    );
};
