// Why: retention must behave exactly like Proxmox prune (pbs-datastore prune.rs), because users carry
// their keep-* settings over and expect the same backups to survive. This is that algorithm, pure:
// newest first, each option covers only buckets older than or disjoint from earlier options, the newest
// item of a bucket is the one kept, protected items are kept but neither counted nor covering, and
// unfinished items are kept only when newer than every finished one. See docs/retention.md.
import { ValidationError } from '../errors/index.js';
import { bucketKeyOf, localTime, type LocalTime } from './local-buckets.js';
import { RETENTION_KEYS, retentionPrunes, type RetentionOptions } from './retention-options.js';
import { validateTimeZone } from './time-zone.js';

/** One backup or snapshot of one group (one VM; prune never looks across groups). */
export interface PruneItem {
  /** Unique within the list; echoed in the result. */
  id: string;
  /** When it was taken: a Date or epoch milliseconds. */
  time: Date | number;
  /** Protected items are always kept, never counted, never cover a bucket. */
  protected?: boolean | undefined;
  /** False for an unfinished item (no manifest); absent means finished. */
  finished?: boolean | undefined;
}

/** What happens to an item: kept, removed, kept because protected, or kept as the newest partial. */
export type PruneMark = 'keep' | 'remove' | 'protected' | 'keep-partial';

/** The decision for one item and why, e.g. `keep-daily 2026-11-25`. */
export interface PruneDecision {
  id: string;
  mark: PruneMark;
  reason: string;
  /** The item's time in epoch ms (for display). */
  time: number;
}

/** The plan: every decision newest first, and the ids to keep and to remove (newest first). */
export interface PrunePlan {
  decisions: PruneDecision[];
  keep: string[];
  remove: string[];
}

interface Entry {
  id: string;
  time: number;
  index: number;
  protected: boolean;
  finished: boolean;
  /** Calendar fields in the plan's zone, computed on first use. */
  local?: LocalTime;
}

function entriesOf(items: readonly PruneItem[]): Entry[] {
  const seen = new Set<string>();
  const entries = items.map((item, index): Entry => {
    const time = item.time instanceof Date ? item.time.getTime() : item.time;
    if (typeof time !== 'number' || !Number.isFinite(time)) {
      throw new ValidationError(`items[${index}].time`, 'must be a valid date or epoch milliseconds', {
        value: item.time,
      });
    }
    if (seen.has(item.id))
      throw new ValidationError(`items[${index}].id`, 'must be unique', { value: item.id });
    seen.add(item.id);
    return {
      id: item.id,
      time,
      index,
      protected: item.protected === true,
      finished: item.finished !== false,
    };
  });
  // Newest first; equal times keep their input order (stable sort).
  return entries.sort((a, b) => b.time - a.time || a.index - b.index);
}

/**
 * Decide which items to keep and which to remove, exactly as Proxmox prune does (backup-semantics.md §1).
 * Bucket keys use local time in `timeZone` (an IANA name; never defaulted here). No option above 0, or
 * keepAll, keeps everything except unfinished items older than the newest finished one.
 * @throws ValidationError for an unknown time zone, a duplicate id or an invalid time.
 */
export function planPrune(items: readonly PruneItem[], opts: RetentionOptions, timeZone: string): PrunePlan {
  validateTimeZone('time zone', timeZone);
  const list = entriesOf(items);
  const mark = new Map<string, { mark: PruneMark; reason: string }>();

  // Unfinished items: only the newest survives, and only when no finished item is newer.
  let keepUnfinished = true;
  for (const b of list) {
    if (b.finished) {
      keepUnfinished = false;
      continue;
    }
    mark.set(
      b.id,
      keepUnfinished
        ? { mark: 'keep-partial', reason: 'keep-partial: newest unfinished, newer than every finished one' }
        : { mark: 'remove', reason: 'unfinished, and a newer one exists' },
    );
    keepUnfinished = false;
  }

  if (!retentionPrunes(opts)) {
    const reason = opts.keepAll === true ? 'keep-all' : 'keep-all (no keep option set)';
    for (const b of list) if (!mark.has(b.id)) mark.set(b.id, { mark: 'keep', reason });
  } else {
    for (const { key, flag, period } of RETENTION_KEYS) {
      const n = opts[key] ?? 0;
      if (n <= 0) continue;
      const bucketOf = (b: Entry): string => {
        if (period === 'last') return String(b.time);
        b.local ??= localTime(b.time, timeZone);
        return bucketKeyOf(period, b.local);
      };
      const label = (id: string): string => (period === 'last' ? flag : `${flag} ${id}`);
      const already = new Set<string>();
      for (const b of list) if (mark.get(b.id)?.mark === 'keep') already.add(bucketOf(b));
      const newly = new Set<string>();
      for (const b of list) {
        if (mark.has(b.id)) continue;
        if (b.protected) {
          mark.set(b.id, { mark: 'protected', reason: 'protected' });
          continue;
        }
        const id = bucketOf(b);
        if (already.has(id)) continue;
        if (!newly.has(id)) {
          if (newly.size >= n) break;
          newly.add(id);
          mark.set(b.id, { mark: 'keep', reason: label(id) });
        } else {
          mark.set(b.id, { mark: 'remove', reason: `remove: ${label(id)} keeps a newer one` });
        }
      }
    }
  }

  const decisions = list.map((b): PruneDecision => {
    if (b.protected) return { id: b.id, mark: 'protected', reason: 'protected', time: b.time };
    const m = mark.get(b.id) ?? { mark: 'remove' as const, reason: 'remove: outside every keep option' };
    return { id: b.id, mark: m.mark, reason: m.reason, time: b.time };
  });
  return {
    decisions,
    keep: decisions.filter((d) => d.mark !== 'remove').map((d) => d.id),
    remove: decisions.filter((d) => d.mark === 'remove').map((d) => d.id),
  };
}
