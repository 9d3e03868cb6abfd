// The --keep-* flags shared by `hv backup prune` and `hv snapshot policy set`: one definition, so
// both commands name, document and validate them the same way (core/retention does the checking).
import type { Command } from 'commander';
import { parseRetentionOptions, type RetentionOptions } from '../../core/retention/index.js';

/** Raw --keep-* values as commander hands them over. */
export interface RetentionFlags {
  keepLast?: string;
  keepHourly?: string;
  keepDaily?: string;
  keepWeekly?: string;
  keepMonthly?: string;
  keepYearly?: string;
  keepAll?: boolean;
}

/** Add --keep-last, --keep-hourly ... --keep-yearly and --keep-all to `cmd`. */
export function addRetentionFlags(cmd: Command): Command {
  return cmd
    .option('--keep-last <n>', 'keep the N newest')
    .option('--keep-hourly <n>', 'keep the newest of each of the last N hours that have one')
    .option('--keep-daily <n>', 'keep the newest of each of the last N days that have one')
    .option('--keep-weekly <n>', 'keep the newest of each of the last N ISO weeks that have one')
    .option('--keep-monthly <n>', 'keep the newest of each of the last N months that have one')
    .option('--keep-yearly <n>', 'keep the newest of each of the last N years that have one')
    .option('--keep-all', 'keep everything (ignores the counts)');
}

/** Validated options from the flags (exit 4 naming the flag when a count is not 0..1000000). */
export function retentionFromFlags(flags: RetentionFlags): RetentionOptions {
  return parseRetentionOptions({
    keepLast: flags.keepLast,
    keepHourly: flags.keepHourly,
    keepDaily: flags.keepDaily,
    keepWeekly: flags.keepWeekly,
    keepMonthly: flags.keepMonthly,
    keepYearly: flags.keepYearly,
    keepAll: flags.keepAll,
  });
}
