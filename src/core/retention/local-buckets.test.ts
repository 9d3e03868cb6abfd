import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bucketKey, isoWeek, localTime } from './local-buckets.js';
import { hostTimeZone, validateTimeZone } from './time-zone.js';

const at = (iso: string): number => Date.parse(iso);

describe('localTime', () => {
  it('reads calendar fields in the given zone, not the process zone', () => {
    const t = at('2026-11-25T23:30:00Z');
    assert.deepEqual(localTime(t, 'UTC'), { year: 2026, month: 11, day: 25, hour: 23 });
    assert.deepEqual(localTime(t, 'Europe/Berlin'), { year: 2026, month: 11, day: 26, hour: 0 });
    assert.deepEqual(localTime(t, 'America/New_York'), { year: 2026, month: 11, day: 25, hour: 18 });
    assert.deepEqual(localTime(at('2026-01-01T00:00:00Z'), 'Asia/Kolkata'), {
      year: 2026,
      month: 1,
      day: 1,
      hour: 5,
    });
  });

  it('midnight is hour 0, not 24', () => {
    assert.equal(localTime(at('2026-06-01T22:00:00Z'), 'Europe/Berlin').hour, 0);
  });
});

describe('isoWeek (Thursday rule)', () => {
  const cases: [string, number, number][] = [
    ['2020-12-28', 2020, 53],
    ['2020-12-31', 2020, 53],
    ['2021-01-01', 2020, 53],
    ['2021-01-03', 2020, 53],
    ['2021-01-04', 2021, 1],
    ['2024-12-29', 2024, 52],
    ['2024-12-30', 2025, 1],
    ['2026-01-01', 2026, 1],
    ['2026-12-27', 2026, 52],
    ['2026-12-28', 2026, 53],
    ['2027-01-03', 2026, 53],
    ['2027-01-04', 2027, 1],
    ['2008-12-29', 2009, 1],
    ['2010-01-03', 2009, 53],
  ];
  for (const [date, weekYear, week] of cases) {
    it(`${date} is ${weekYear}-W${week}`, () => {
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      assert.deepEqual(isoWeek(y, m, d), { weekYear, week });
    });
  }
});

describe('bucketKey', () => {
  it('formats each period', () => {
    const t = at('2026-11-25T14:05:00Z');
    assert.equal(bucketKey('hourly', t, 'UTC'), '2026-11-25T14');
    assert.equal(bucketKey('daily', t, 'UTC'), '2026-11-25');
    assert.equal(bucketKey('weekly', t, 'UTC'), '2026-W48');
    assert.equal(bucketKey('monthly', t, 'UTC'), '2026-11');
    assert.equal(bucketKey('yearly', t, 'UTC'), '2026');
  });

  it('uses local time: the same instant is another day and week-year in another zone', () => {
    const t = at('2021-01-03T23:30:00Z'); // Sunday in UTC, Monday 00:30 in Berlin
    assert.equal(bucketKey('weekly', t, 'UTC'), '2020-W53');
    assert.equal(bucketKey('weekly', t, 'Europe/Berlin'), '2021-W01');
    assert.equal(bucketKey('daily', t, 'Europe/Berlin'), '2021-01-04');
  });

  it('DST fall-back in Berlin puts two real hours into one hourly bucket', () => {
    // 00:30Z = 02:30 CEST, 01:30Z = 02:30 CET (clocks went back at 03:00 CEST)
    assert.equal(bucketKey('hourly', at('2026-10-25T00:30:00Z'), 'Europe/Berlin'), '2026-10-25T02');
    assert.equal(bucketKey('hourly', at('2026-10-25T01:30:00Z'), 'Europe/Berlin'), '2026-10-25T02');
    assert.equal(bucketKey('hourly', at('2026-10-25T02:30:00Z'), 'Europe/Berlin'), '2026-10-25T03');
  });

  it('DST spring-forward in New York skips local hour 02', () => {
    assert.equal(bucketKey('hourly', at('2026-03-08T06:59:00Z'), 'America/New_York'), '2026-03-08T01');
    assert.equal(bucketKey('hourly', at('2026-03-08T07:00:00Z'), 'America/New_York'), '2026-03-08T03');
  });
});

describe('time zones', () => {
  it('accepts IANA names and refuses anything else', () => {
    assert.equal(validateTimeZone('tz', 'Europe/Berlin'), 'Europe/Berlin');
    assert.equal(validateTimeZone('tz', 'UTC'), 'UTC');
    for (const bad of ['Mars/Olympus', '', '   ', 42, undefined, 'Europe/Berlin\n']) {
      assert.throws(
        () => validateTimeZone('tz', bad),
        (e: unknown) => e instanceof Error && /tz: must be an IANA time zone/.test(e.message),
      );
    }
  });

  it('the host zone is a zone Intl accepts', () => {
    assert.equal(validateTimeZone('tz', hostTimeZone()), hostTimeZone());
  });
});
