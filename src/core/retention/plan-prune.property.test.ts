// planPrune against a deliberately plain reference written from the prose of backup-semantics.md §1,
// over seeded random inputs around DST changes and New Year, in zones with odd offsets.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planPrune, type PruneItem } from './plan-prune.js';
import type { RetentionOptions } from './retention-options.js';

/** mulberry32: small seeded PRNG so a failure can be replayed from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Local wall-clock fields through another Intl path (a sortable sv-SE string). */
const svFormats = new Map<string, Intl.DateTimeFormat>();
function wallClock(ms: number, zone: string): { y: number; mo: number; d: number; h: number } {
  let f = svFormats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('sv-SE', {
      timeZone: zone,
      hourCycle: 'h23',
      dateStyle: 'short',
      timeStyle: 'short',
    });
    svFormats.set(zone, f);
  }
  const s = f.format(ms);
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):/.exec(s);
  if (!m) throw new Error(`unexpected sv-SE date ${s}`);
  return { y: Number(m[1]), mo: Number(m[2]), d: Number(m[3]), h: Number(m[4]) };
}

/** ISO week by the "week 1 holds January 4th" rule, counting days from that week's Monday. */
function refIsoWeek(y: number, mo: number, d: number): string {
  const dayNo = (yy: number, mm: number, dd: number): number => Date.UTC(yy, mm - 1, dd) / 86_400_000;
  const week1Monday = (yy: number): number => {
    const jan4 = dayNo(yy, 1, 4);
    const dow = new Date(jan4 * 86_400_000).getUTCDay(); // 0 = Sunday
    return jan4 - ((dow + 6) % 7);
  };
  const today = dayNo(y, mo, d);
  let wy = y + 1;
  while (week1Monday(wy) > today) wy--;
  return `${wy}/${Math.floor((today - week1Monday(wy)) / 7) + 1}`;
}

type Mark = 'keep' | 'remove' | 'protected' | 'keep-partial';

function reference(items: PruneItem[], opts: RetentionOptions, zone: string): Map<string, [Mark, string]> {
  const list = items
    .map((it, i) => ({ ...it, t: it.time instanceof Date ? it.time.getTime() : it.time, i }))
    .sort((a, b) => (a.t === b.t ? a.i - b.i : b.t - a.t));
  const out = new Map<string, [Mark, string]>();
  const firstFinished = list.findIndex((b) => b.finished !== false);
  const unfinished = list.filter((b) => b.finished === false);
  unfinished.forEach((b, k) => {
    const idx = list.indexOf(b);
    const partial = k === 0 && (firstFinished === -1 || idx < firstFinished);
    out.set(b.id, [partial ? 'keep-partial' : 'remove', '']);
  });
  const periods: [keyof RetentionOptions, string, (t: number) => string][] = [
    ['keepLast', 'keep-last', (t) => `t${t}`],
    [
      'keepHourly',
      'keep-hourly',
      (t) => {
        const w = wallClock(t, zone);
        return `${w.y}/${w.mo}/${w.d}/${w.h}`;
      },
    ],
    [
      'keepDaily',
      'keep-daily',
      (t) => {
        const w = wallClock(t, zone);
        return `${w.y}/${w.mo}/${w.d}`;
      },
    ],
    [
      'keepWeekly',
      'keep-weekly',
      (t) => {
        const w = wallClock(t, zone);
        return refIsoWeek(w.y, w.mo, w.d);
      },
    ],
    [
      'keepMonthly',
      'keep-monthly',
      (t) => {
        const w = wallClock(t, zone);
        return `${w.y}/${w.mo}`;
      },
    ],
    ['keepYearly', 'keep-yearly', (t) => String(wallClock(t, zone).y)],
  ];
  const anyCount = periods.some(([k]) => Number(opts[k] ?? 0) > 0);
  if (opts.keepAll === true || !anyCount) {
    for (const b of list) if (!out.has(b.id)) out.set(b.id, ['keep', '']);
  } else {
    for (const [key, name, bucket] of periods) {
      const n = Number(opts[key] ?? 0);
      if (n === 0) continue;
      const covered = new Set(list.filter((b) => out.get(b.id)?.[0] === 'keep').map((b) => bucket(b.t)));
      // Protected items are invisible to selection; so are decided ones and covered buckets.
      const open = list.filter((b) => !out.has(b.id) && b.protected !== true && !covered.has(bucket(b.t)));
      const distinct: string[] = [];
      let stop = open.length;
      for (let j = 0; j < open.length; j++) {
        const key2 = bucket(open[j]!.t);
        if (!distinct.includes(key2)) {
          if (distinct.length === n) {
            stop = j;
            break;
          }
          distinct.push(key2);
        }
      }
      const seen = new Set<string>();
      for (const b of open.slice(0, stop)) {
        const k2 = bucket(b.t);
        out.set(b.id, [seen.has(k2) ? 'remove' : 'keep', name]);
        seen.add(k2);
      }
    }
  }
  for (const b of list) {
    if (b.protected === true) out.set(b.id, ['protected', '']);
    else if (!out.has(b.id)) out.set(b.id, ['remove', '']);
  }
  return out;
}

const ZONES = [
  'UTC',
  'Europe/Berlin',
  'America/New_York',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Pacific/Chatham',
];
const ANCHORS = [
  '2026-10-25T01:00:00Z', // Berlin fall-back
  '2026-03-29T01:00:00Z', // Berlin spring-forward
  '2026-11-01T06:00:00Z', // New York fall-back
  '2026-04-05T15:00:00Z', // Lord Howe fall-back (30 min)
  '2020-12-31T12:00:00Z',
  '2026-12-31T12:00:00Z',
].map((s) => Date.parse(s));

function randomCase(r: () => number): { items: PruneItem[]; opts: RetentionOptions; zone: string } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const anchor = pick(ANCHORS);
  // spreads from minutes to a few years, so every period gets duplicates and gaps
  const spread = pick([2 * 3_600_000, 2 * 86_400_000, 40 * 86_400_000, 3 * 365 * 86_400_000]);
  const n = Math.floor(r() * 40);
  const items: PruneItem[] = [];
  for (let i = 0; i < n; i++) {
    const time =
      i > 0 && r() < 0.05
        ? (items[i - 1]!.time as number)
        : anchor + Math.round(((r() - 0.5) * spread) / 60_000) * 60_000;
    items.push({
      id: `b${i}`,
      time,
      ...(r() < 0.12 && { protected: true }),
      ...(r() < 0.1 && { finished: false }),
    });
  }
  const opts: RetentionOptions = {};
  for (const k of [
    'keepLast',
    'keepHourly',
    'keepDaily',
    'keepWeekly',
    'keepMonthly',
    'keepYearly',
  ] as const) {
    if (r() < 0.45) opts[k] = Math.floor(r() * 5);
  }
  if (r() < 0.03) opts.keepAll = true;
  return { items, opts, zone: pick(ZONES) };
}

describe('planPrune matches a plain reference implementation', () => {
  it('over 600 seeded random cases', () => {
    const seed = Number(process.env['HV_PRUNE_SEED'] ?? 20261125);
    const r = rng(seed);
    let removes = 0;
    for (let c = 0; c < 600; c++) {
      const { items, opts, zone } = randomCase(r);
      const plan = planPrune(items, opts, zone);
      const ref = reference(items, opts, zone);
      const where = `seed ${seed} case ${c} zone ${zone} opts ${JSON.stringify(opts)}`;
      assert.equal(plan.decisions.length, items.length, where);
      for (const d of plan.decisions) {
        const [mark, option] = ref.get(d.id) ?? ['missing', ''];
        assert.equal(d.mark, mark, `${where}: ${d.id} at ${new Date(d.time).toISOString()}`);
        if (mark === 'keep' && option !== '') assert.equal(d.reason.split(' ')[0], option, where);
      }
      assert.deepEqual(
        [...plan.keep].sort(),
        [...ref]
          .filter(([, [m]]) => m !== 'remove')
          .map(([id]) => id)
          .sort(),
        where,
      );
      removes += plan.remove.length;
    }
    assert.ok(removes > 500, `the random cases exercise removal (${removes} removes)`);
  });
});
