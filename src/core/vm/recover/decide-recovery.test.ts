import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffMs, decideRecovery, type RecoverConfig } from './decide-recovery.js';

const CONFIG: RecoverConfig = { max_attempts_per_day: 3, backoff_base_s: 5, backoff_max_s: 300 };
const NOW = new Date('2026-11-26T12:00:00.000Z');
const ago = (s: number): Date => new Date(NOW.getTime() - s * 1000);

test('backoffMs doubles from the base and stops at the maximum', () => {
  assert.deepEqual(
    [0, 1, 2, 3, 4, 7, 8, 100].map((n) => backoffMs(n, CONFIG)),
    [0, 5000, 10000, 20000, 40000, 300000, 300000, 300000],
  );
  assert.equal(backoffMs(3, { ...CONFIG, backoff_base_s: 0 }), 0);
});

const CASES: readonly {
  readonly title: string;
  readonly attempts: readonly Date[];
  readonly config?: RecoverConfig;
  readonly want: { action: string; attempts: number; nextAt?: string };
}[] = [
  { title: 'never tried: restart', attempts: [], want: { action: 'restart', attempts: 0 } },
  {
    title: 'one attempt 6 s ago (backoff 5 s passed): restart',
    attempts: [ago(6)],
    want: { action: 'restart', attempts: 1 },
  },
  {
    title: 'one attempt 2 s ago: wait until 5 s after it',
    attempts: [ago(2)],
    want: { action: 'wait', attempts: 1, nextAt: '2026-11-26T12:00:03.000Z' },
  },
  {
    title: 'two attempts, last 8 s ago: the second wait is 10 s',
    attempts: [ago(100), ago(8)],
    want: { action: 'wait', attempts: 2, nextAt: '2026-11-26T12:00:02.000Z' },
  },
  {
    title: 'cap reached (3 in 24 h): gave up until the oldest is a day old',
    attempts: [ago(3600), ago(600), ago(60)],
    want: { action: 'gave up', attempts: 3, nextAt: '2026-11-27T11:00:00.000Z' },
  },
  {
    title: 'attempts older than 24 h do not count',
    attempts: [ago(90_000), ago(87_000), ago(86_401)],
    want: { action: 'restart', attempts: 0 },
  },
  {
    title: 'more rows than the cap (cap lowered): the slot frees when enough have aged out',
    attempts: [ago(5000), ago(4000), ago(3000), ago(2000)],
    config: { ...CONFIG, max_attempts_per_day: 2 },
    want: { action: 'gave up', attempts: 4, nextAt: '2026-11-27T11:10:00.000Z' },
  },
  {
    title: 'order of the input does not matter',
    attempts: [ago(60), ago(3600), ago(600)],
    want: { action: 'gave up', attempts: 3, nextAt: '2026-11-27T11:00:00.000Z' },
  },
  {
    title: 'backoff 0: no wait even right after an attempt',
    attempts: [ago(0)],
    config: { ...CONFIG, backoff_base_s: 0 },
    want: { action: 'restart', attempts: 1 },
  },
];

for (const c of CASES) {
  test(`decideRecovery: ${c.title}`, () => {
    const d = decideRecovery(c.attempts, NOW, c.config ?? CONFIG);
    assert.deepEqual(
      { action: d.action, attempts: d.attempts, ...('nextAt' in d && { nextAt: d.nextAt.toISOString() }) },
      c.want,
    );
  });
}
