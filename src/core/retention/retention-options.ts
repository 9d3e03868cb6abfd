// Why: the keep-* options are shared by `hv backup prune`, the prune simulator and snapshot policies;
// one list fixes their order (the order Proxmox applies them in), their flag names and their limits.
import { validateInt } from '../validate/validate-int.js';

/** How many buckets of each period to keep (0 or absent: the option is off). */
export interface RetentionOptions {
  keepLast?: number | undefined;
  keepHourly?: number | undefined;
  keepDaily?: number | undefined;
  keepWeekly?: number | undefined;
  keepMonthly?: number | undefined;
  keepYearly?: number | undefined;
  /** Keep everything (Proxmox keep-all=1); the counts are then ignored. */
  keepAll?: boolean | undefined;
}

/** The counted options in the order they are applied. */
export type RetentionCountKey =
  'keepLast' | 'keepHourly' | 'keepDaily' | 'keepWeekly' | 'keepMonthly' | 'keepYearly';

/** Each counted option, its flag/reason name and the period it buckets by (`last`: exact time). */
export const RETENTION_KEYS: readonly {
  readonly key: RetentionCountKey;
  readonly flag: string;
  readonly period: 'last' | 'hourly' | 'daily' | 'weekly' | 'monthly' | 'yearly';
}[] = [
  { key: 'keepLast', flag: 'keep-last', period: 'last' },
  { key: 'keepHourly', flag: 'keep-hourly', period: 'hourly' },
  { key: 'keepDaily', flag: 'keep-daily', period: 'daily' },
  { key: 'keepWeekly', flag: 'keep-weekly', period: 'weekly' },
  { key: 'keepMonthly', flag: 'keep-monthly', period: 'monthly' },
  { key: 'keepYearly', flag: 'keep-yearly', period: 'yearly' },
];

/** Largest count accepted for one option. */
const RETENTION_MAX = 1_000_000;

/** True when at least one count is above 0 and keep-all is not set (so something may be removed). */
export function retentionPrunes(opts: RetentionOptions): boolean {
  return opts.keepAll !== true && RETENTION_KEYS.some(({ key }) => (opts[key] ?? 0) > 0);
}

/**
 * Validate raw counts (strings from a command line or numbers from a file), keyed by option name.
 * Absent values stay absent; each present one must be a whole number from 0 to {@link RETENTION_MAX}.
 * @throws ValidationError naming the flag, e.g. `keep-daily: must be from 0 to 1000000`.
 */
export function parseRetentionOptions(
  raw: Partial<Record<RetentionCountKey, unknown>> & { keepAll?: unknown },
): RetentionOptions {
  const out: RetentionOptions = {};
  for (const { key, flag } of RETENTION_KEYS) {
    const v = raw[key];
    if (v !== undefined) out[key] = validateInt(flag, v, { min: 0, max: RETENTION_MAX });
  }
  if (raw.keepAll === true) out.keepAll = true;
  return out;
}

/** `keep-last=3,keep-daily=7` (the Proxmox notation), or `keep-all` / `none`. */
export function formatRetention(opts: RetentionOptions): string {
  if (opts.keepAll === true) return 'keep-all';
  const parts = RETENTION_KEYS.filter(({ key }) => (opts[key] ?? 0) > 0).map(
    ({ key, flag }) => `${flag}=${opts[key] ?? 0}`,
  );
  return parts.length === 0 ? 'none' : parts.join(',');
}
