import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planPrune, type PruneItem } from './plan-prune.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const at = (iso: string): number => Date.parse(iso);

/** `count` items, one per `step` ms, newest at `newest`; ids are their ISO times. */
function series(newest: string, count: number, step: number): PruneItem[] {
  const t0 = at(newest);
  return Array.from({ length: count }, (_, i) => {
    const time = t0 - i * step;
    return { id: new Date(time).toISOString(), time };
  });
}

const marks = (plan: ReturnType<typeof planPrune>): Record<string, string> =>
  Object.fromEntries(plan.decisions.map((d) => [d.id, d.mark]));

describe('planPrune: documented consequences', () => {
  it('keep-last 3 + keep-daily 7 over daily backups keeps 10 (buckets chain)', () => {
    const items = series('2026-11-25T12:00:00Z', 20, DAY);
    const plan = planPrune(items, { keepLast: 3, keepDaily: 7 }, 'UTC');
    assert.equal(plan.keep.length, 10);
    assert.deepEqual(
      plan.keep,
      items.slice(0, 10).map((i) => i.id),
    );
    assert.deepEqual(
      plan.remove,
      items.slice(10).map((i) => i.id),
    );
    assert.deepEqual(
      plan.decisions.slice(0, 4).map((d) => d.reason),
      ['keep-last', 'keep-last', 'keep-last', 'keep-daily 2026-11-22'],
    );
    assert.equal(plan.decisions[9]?.reason, 'keep-daily 2026-11-16');
    assert.equal(plan.decisions[10]?.reason, 'remove: outside every keep option');
  });

  it('the backup kept in a bucket is the newest one in it', () => {
    const items: PruneItem[] = [
      { id: 'morning', time: at('2026-11-25T06:00:00Z') },
      { id: 'evening', time: at('2026-11-25T18:00:00Z') },
      { id: 'noon', time: at('2026-11-25T12:00:00Z') },
      { id: 'yesterday', time: at('2026-11-24T12:00:00Z') },
    ];
    const plan = planPrune(items, { keepDaily: 1 }, 'UTC');
    assert.deepEqual(marks(plan), {
      evening: 'keep',
      noon: 'remove',
      morning: 'remove',
      yesterday: 'remove',
    });
    assert.equal(plan.decisions[1]?.reason, 'remove: keep-daily 2026-11-25 keeps a newer one');
    // decisions and lists are newest first, whatever the input order
    assert.deepEqual(plan.remove, ['noon', 'morning', 'yesterday']);
  });

  it('protected backups are kept but neither counted nor covering their bucket', () => {
    const items: PruneItem[] = [
      { id: 'd3-prot', time: at('2026-11-25T18:00:00Z'), protected: true },
      { id: 'd3', time: at('2026-11-25T12:00:00Z') },
      { id: 'd2-prot', time: at('2026-11-24T12:00:00Z'), protected: true },
      { id: 'd1', time: at('2026-11-23T12:00:00Z') },
      { id: 'd0', time: at('2026-11-22T12:00:00Z') },
      { id: 'old-prot', time: at('2020-01-01T00:00:00Z'), protected: true },
    ];
    const plan = planPrune(items, { keepDaily: 2 }, 'UTC');
    // d3 is kept for its day although a protected one is newer; d2 (protected only) is not counted,
    // so the second kept day is d1; d0 is removed; protected ones stay, even past the quota.
    assert.deepEqual(marks(plan), {
      'd3-prot': 'protected',
      d3: 'keep',
      'd2-prot': 'protected',
      d1: 'keep',
      d0: 'remove',
      'old-prot': 'protected',
    });
    assert.deepEqual(plan.keep, ['d3-prot', 'd3', 'd2-prot', 'd1', 'old-prot']);
  });

  it('remove marks are final: a same-day duplicate removed by daily is not rescued by weekly', () => {
    const items: PruneItem[] = [
      { id: 'mon-late', time: at('2026-11-23T20:00:00Z') },
      { id: 'mon-early', time: at('2026-11-23T08:00:00Z') },
      { id: 'prev-week', time: at('2026-11-18T08:00:00Z') },
    ];
    const plan = planPrune(items, { keepDaily: 1, keepWeekly: 5 }, 'UTC');
    assert.deepEqual(marks(plan), { 'mon-late': 'keep', 'mon-early': 'remove', 'prev-week': 'keep' });
    assert.equal(plan.decisions[2]?.reason, 'keep-weekly 2026-W47');
  });

  it('keep-last uses the exact time and never removes', () => {
    const items = series('2026-11-25T12:00:30Z', 6, 1000); // six backups within one minute
    const plan = planPrune(items, { keepLast: 4 }, 'UTC');
    assert.deepEqual(
      plan.keep,
      items.slice(0, 4).map((i) => i.id),
    );
    assert.ok(plan.decisions.slice(0, 4).every((d) => d.reason === 'keep-last'));
    assert.ok(plan.decisions.slice(4).every((d) => d.reason === 'remove: outside every keep option'));
  });

  it('no option (or only zeros) keeps everything; keep-all overrides counts', () => {
    const items = series('2026-11-25T12:00:00Z', 5, HOUR);
    for (const opts of [{}, { keepLast: 0, keepDaily: 0 }]) {
      const plan = planPrune(items, opts, 'UTC');
      assert.equal(plan.remove.length, 0);
      assert.ok(plan.decisions.every((d) => d.reason === 'keep-all (no keep option set)'));
    }
    const all = planPrune(
      [...items, { id: 'p', time: 0, protected: true }],
      { keepAll: true, keepLast: 1 },
      'UTC',
    );
    assert.equal(all.remove.length, 0);
    assert.equal(marks(all).p, 'protected');
    assert.equal(all.decisions[0]?.reason, 'keep-all');
  });

  it('unfinished: the newest survives as keep-partial only when newer than every finished one', () => {
    const items: PruneItem[] = [
      { id: 'u3', time: at('2026-11-25T12:00:00Z'), finished: false },
      { id: 'u2', time: at('2026-11-25T11:00:00Z'), finished: false },
      { id: 'f2', time: at('2026-11-24T12:00:00Z') },
      { id: 'u1', time: at('2026-11-23T12:00:00Z'), finished: false },
      { id: 'f1', time: at('2026-11-22T12:00:00Z') },
    ];
    const plan = planPrune(items, { keepLast: 5 }, 'UTC');
    assert.deepEqual(marks(plan), { u3: 'keep-partial', u2: 'remove', f2: 'keep', u1: 'remove', f1: 'keep' });
    // unfinished ones are not counted: keep-last 1 keeps f2 (not u3)
    assert.deepEqual(marks(planPrune(items, { keepLast: 1 }, 'UTC')), {
      u3: 'keep-partial',
      u2: 'remove',
      f2: 'keep',
      u1: 'remove',
      f1: 'remove',
    });
    // an unfinished backup older than a finished one goes, even with keep-all
    const older = planPrune([items[2]!, items[3]!], {}, 'UTC');
    assert.deepEqual(marks(older), { f2: 'keep', u1: 'remove' });
  });

  it('equal times keep their input order; the first of them is treated as newer', () => {
    const t = at('2026-11-25T12:00:00Z');
    const plan = planPrune(
      [
        { id: 'a', time: t },
        { id: 'b', time: t },
      ],
      { keepDaily: 1 },
      'UTC',
    );
    assert.deepEqual(marks(plan), { a: 'keep', b: 'remove' });
  });

  it('accepts Date and epoch ms, refuses a bad zone, duplicate ids and invalid times', () => {
    const plan = planPrune([{ id: 'd', time: new Date('2026-11-25T12:00:00Z') }], { keepLast: 1 }, 'UTC');
    assert.equal(plan.decisions[0]?.time, at('2026-11-25T12:00:00Z'));
    assert.throws(() => planPrune([], { keepLast: 1 }, 'Nowhere/Town'), /time zone: must be an IANA/);
    assert.throws(
      () =>
        planPrune(
          [
            { id: 'x', time: 1 },
            { id: 'x', time: 2 },
          ],
          {},
          'UTC',
        ),
      /items\[1\]\.id: must be unique/,
    );
    assert.throws(() => planPrune([{ id: 'x', time: NaN }], {}, 'UTC'), /items\[0\]\.time: must be a valid/);
    assert.throws(() => planPrune([{ id: 'x', time: new Date('nope') }], {}, 'UTC'), /must be a valid/);
  });
});

describe('planPrune: ISO weeks around New Year', () => {
  it('2020-12-31..2021-01-04: Jan 1-3 2021 belong to 2020-W53', () => {
    const items = series('2021-01-04T12:00:00Z', 8, DAY); // 2021-01-04 back to 2020-12-28
    const plan = planPrune(items, { keepWeekly: 2 }, 'UTC');
    assert.deepEqual(plan.keep, ['2021-01-04T12:00:00.000Z', '2021-01-03T12:00:00.000Z']);
    assert.deepEqual(
      plan.decisions.filter((d) => d.mark === 'keep').map((d) => d.reason),
      ['keep-weekly 2021-W01', 'keep-weekly 2020-W53'],
    );
    // keep-yearly (calendar year) splits the same days differently
    const yearly = planPrune(items, { keepYearly: 2 }, 'UTC');
    assert.deepEqual(yearly.keep, ['2021-01-04T12:00:00.000Z', '2020-12-31T12:00:00.000Z']);
  });

  it('2026-12-28..2027-01-03 is one week, 2026-W53', () => {
    const items = series('2027-01-04T12:00:00Z', 8, DAY); // 2027-01-04 back to 2026-12-28
    const plan = planPrune(items, { keepWeekly: 3 }, 'UTC');
    assert.deepEqual(
      plan.decisions.map((d) => [d.id.slice(0, 10), d.mark]),
      [
        ['2027-01-04', 'keep'],
        ['2027-01-03', 'keep'],
        ['2027-01-02', 'remove'],
        ['2027-01-01', 'remove'],
        ['2026-12-31', 'remove'],
        ['2026-12-30', 'remove'],
        ['2026-12-29', 'remove'],
        ['2026-12-28', 'remove'],
      ],
    );
    assert.equal(plan.decisions[1]?.reason, 'keep-weekly 2026-W53');
  });

  it('the zone decides the week: Sunday 23:30 UTC is Monday in Berlin', () => {
    const items: PruneItem[] = [
      { id: 'sun-late', time: at('2021-01-03T23:30:00Z') },
      { id: 'sun-noon', time: at('2021-01-03T12:00:00Z') },
    ];
    assert.deepEqual(marks(planPrune(items, { keepWeekly: 1 }, 'UTC')), {
      'sun-late': 'keep',
      'sun-noon': 'remove',
    });
    assert.deepEqual(marks(planPrune(items, { keepWeekly: 2 }, 'Europe/Berlin')), {
      'sun-late': 'keep',
      'sun-noon': 'keep',
    });
  });
});

describe('planPrune: DST changes', () => {
  it('Europe/Berlin fall-back merges two real hours into one hourly bucket', () => {
    // hourly backups 2026-10-24T22:00Z .. 2026-10-25T04:00Z = local 00:00 CEST .. 05:00 CET
    const items = series('2026-10-25T04:00:00Z', 7, HOUR);
    const berlin = planPrune(items, { keepHourly: 24 }, 'Europe/Berlin');
    assert.deepEqual(berlin.remove, ['2026-10-25T00:00:00.000Z']); // 02:00 CEST, same bucket as 02:00 CET
    assert.equal(
      berlin.decisions.find((d) => d.id === '2026-10-25T01:00:00.000Z')?.reason,
      'keep-hourly 2026-10-25T02',
    );
    // in UTC every hour is its own bucket
    assert.deepEqual(planPrune(items, { keepHourly: 24 }, 'UTC').remove, []);
    // keep-hourly 6 reaches back 7 real hours in Berlin but only 6 in UTC
    assert.equal(planPrune(items, { keepHourly: 6 }, 'Europe/Berlin').keep.length, 6);
    assert.deepEqual(planPrune(items, { keepHourly: 6 }, 'Europe/Berlin').remove, [
      '2026-10-25T00:00:00.000Z',
    ]);
    assert.deepEqual(planPrune(items, { keepHourly: 6 }, 'UTC').remove, ['2026-10-24T22:00:00.000Z']);
  });

  it('America/New_York fall-back merges hour 01; spring-forward skips hour 02', () => {
    // 2026-11-01: 05:30Z = 01:30 EDT, 06:30Z = 01:30 EST
    const fall = series('2026-11-01T07:30:00Z', 4, HOUR); // 02:30 EST, 01:30 EST, 01:30 EDT, 00:30 EDT
    const plan = planPrune(fall, { keepHourly: 3 }, 'America/New_York');
    assert.deepEqual(
      plan.decisions.map((d) => d.reason),
      [
        'keep-hourly 2026-11-01T02',
        'keep-hourly 2026-11-01T01',
        'remove: keep-hourly 2026-11-01T01 keeps a newer one',
        'keep-hourly 2026-11-01T00',
      ],
    );
    // 2026-03-08: 06:30Z = 01:30 EST, 07:30Z = 03:30 EDT: consecutive hourly buckets 01 and 03
    const spring = series('2026-03-08T08:30:00Z', 4, HOUR);
    assert.deepEqual(
      planPrune(spring, { keepHourly: 4 }, 'America/New_York').decisions.map((d) => d.reason),
      [
        'keep-hourly 2026-03-08T04',
        'keep-hourly 2026-03-08T03',
        'keep-hourly 2026-03-08T01',
        'keep-hourly 2026-03-08T00',
      ],
    );
  });

  it('the spring-forward day is a 23-hour daily bucket in Berlin', () => {
    // hourly backups across 2026-03-29 (clocks jump 02:00 CET -> 03:00 CEST)
    const items = series('2026-03-30T03:00:00Z', 52, HOUR);
    const plan = planPrune(items, { keepDaily: 3 }, 'Europe/Berlin');
    const kept = plan.decisions.filter((d) => d.mark === 'keep').map((d) => d.reason);
    assert.deepEqual(kept, ['keep-daily 2026-03-30', 'keep-daily 2026-03-29', 'keep-daily 2026-03-28']);
    const inDay = (day: string): number => plan.decisions.filter((d) => d.reason.includes(day)).length;
    assert.equal(inDay('2026-03-29'), 23);
  });
});
