// Contract with croner, the scheduler hvd will run: everything parseCron accepts, croner accepts too,
// and croner's next runs fall on minutes that parseCron's expanded fields allow.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cron } from 'croner';
import { parseCron, type CronSchedule } from './parse-cron.js';

const accepted = [
  '* * * * *',
  '*/15 2-4 1,15 JAN-mar MON-FRI',
  '0 0 * * 7',
  '0 0 * * 5-7',
  '5-59/20 * * * *',
  '10-50/7 1-23/2 */3 */2 *',
  '30 4 1,15 * 5',
  '0 0 29 2 *',
  '0 12 * * sun',
  '@daily',
  '@hourly',
  '@weekly',
  '@monthly',
  '@yearly',
];

function matches(s: CronSchedule, d: Date): boolean {
  const domStar = s.dayOfMonth.length === 31;
  const dowStar = s.dayOfWeek.length === 7;
  const dom = s.dayOfMonth.includes(d.getDate());
  const dow = s.dayOfWeek.includes(d.getDay());
  // Classic cron: when both day fields are restricted, either may match.
  const day = domStar || dowStar ? dom && dow : dom || dow;
  return (
    s.minute.includes(d.getMinutes()) &&
    s.hour.includes(d.getHours()) &&
    s.month.includes(d.getMonth() + 1) &&
    day
  );
}

for (const expr of accepted) {
  test(`croner agrees with parseCron on ${expr}`, () => {
    const schedule = parseCron('schedule', expr);
    const cron = new Cron(expr, { paused: true });
    const runs = cron.nextRuns(20, new Date(2025, 0, 1, 0, 0, 0));
    assert.ok(runs.length > 0, 'croner found no run');
    for (const run of runs) assert.ok(matches(schedule, run), `${run.toString()} does not match ${expr}`);
    cron.stop();
  });
}

test('croner refuses what parseCron refuses for the same reason', () => {
  for (const expr of ['5/20 * * * *', '@reboot', '60 * * * *', '0 0 0 * *', '0 0 * 13 *']) {
    assert.throws(() => parseCron('schedule', expr));
    assert.throws(() => new Cron(expr, { paused: true }), Error, expr);
  }
});
