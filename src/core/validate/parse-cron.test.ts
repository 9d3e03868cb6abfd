import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCron } from './parse-cron.js';

test('parseCron expands ranges, steps, lists and names', () => {
  const s = parseCron('schedule', '*/15 2-4 1,15 JAN-mar MON-FRI');
  assert.deepEqual(s.minute, [0, 15, 30, 45]);
  assert.deepEqual(s.hour, [2, 3, 4]);
  assert.deepEqual(s.dayOfMonth, [1, 15]);
  assert.deepEqual(s.month, [1, 2, 3]);
  assert.deepEqual(s.dayOfWeek, [1, 2, 3, 4, 5]);
  assert.equal(s.text, '*/15 2-4 1,15 JAN-mar MON-FRI');
});

test('parseCron folds Sunday 7 into 0 and reads start/step', () => {
  assert.deepEqual(parseCron('s', '0 0 * * 7').dayOfWeek, [0]);
  assert.deepEqual(parseCron('s', '5-59/20 * * * *').minute, [5, 25, 45]);
  assert.throws(() => parseCron('s', '5/20 * * * *'), {
    rule: 'minute: "5/20" needs a range: write 5-59/20',
  });
  assert.deepEqual(parseCron('s', '0 0 * * 5-7').dayOfWeek, [0, 5, 6]);
});

test('parseCron expands macros', () => {
  assert.equal(parseCron('s', '@daily').text, '0 0 * * *');
  assert.equal(parseCron('s', '@hourly').text, '0 * * * *');
  assert.equal(parseCron('s', '@weekly').text, '0 0 * * 0');
  assert.equal(parseCron('s', '@monthly').text, '0 0 1 * *');
  assert.equal(parseCron('s', '@yearly').text, '0 0 1 1 *');
  assert.throws(() => parseCron('s', '@reboot'), { rule: /@reboot is not supported/ });
  assert.throws(() => parseCron('s', '@often'), { rule: /unknown macro/ });
});

test('parseCron names the field that is out of range', () => {
  assert.throws(() => parseCron('schedule', '60 * * * *'), { rule: 'minute: 60 is out of range 0-59' });
  assert.throws(() => parseCron('schedule', '0 24 * * *'), { rule: 'hour: 24 is out of range 0-23' });
  assert.throws(() => parseCron('schedule', '0 0 0 * *'), { rule: 'day-of-month: 0 is out of range 1-31' });
  assert.throws(() => parseCron('schedule', '0 0 * 13 *'), { rule: 'month: 13 is out of range 1-12' });
  assert.throws(() => parseCron('schedule', '0 0 * * 8'), { rule: 'day-of-week: 8 is out of range 0-7' });
});

test('parseCron refuses bad steps, backwards ranges and junk', () => {
  assert.throws(() => parseCron('s', '*/0 * * * *'), { rule: 'minute: step "0" must be from 1 to 59' });
  assert.throws(() => parseCron('s', '*/60 * * * *'), { rule: 'minute: step "60" must be from 1 to 59' });
  assert.throws(() => parseCron('s', '5-1 * * * *'), { rule: 'minute: range "5-1" goes backwards' });
  assert.throws(() => parseCron('s', '1-2-3 * * * *'), { rule: 'minute: "1-2-3" is malformed' });
  assert.throws(() => parseCron('s', ', * * * *'), { rule: 'minute: "" is malformed' });
  assert.throws(() => parseCron('s', 'L * * * *'), { rule: 'minute: "L" is not a number' });
  assert.throws(() => parseCron('s', '0 0 ? * *'), { rule: /^day-of-month: "\?" is not a number/ });
  assert.throws(() => parseCron('s', '0 0 * FOO *'), {
    rule: 'month: "FOO" is not a number or a name like JAN',
  });
});

test('parseCron refuses dates that never occur', () => {
  assert.throws(() => parseCron('s', '0 0 31 2 *'), {
    rule: 'day-of-month: never occurs in the months chosen (at most 29 days)',
  });
  assert.throws(() => parseCron('s', '0 0 31 APR,JUN *'), { rule: /at most 30 days/ });
  assert.deepEqual(parseCron('s', '0 0 29 2 *').dayOfMonth, [29]); // leap years
  assert.deepEqual(parseCron('s', '0 0 31 2 MON').dayOfWeek, [1]); // day-of-week still fires
});

test('parseCron wants exactly five fields and no control characters', () => {
  assert.throws(() => parseCron('s', '0 0 * * * *'), { rule: /must have 5 fields .*not 6/ });
  assert.throws(() => parseCron('s', '0 0 *'), { rule: /not 3/ });
  assert.throws(() => parseCron('s', ''), { rule: /not 1/ });
  assert.throws(() => parseCron('s', '0 0 * * *\n0 1 * * *'), {
    rule: 'must not contain control characters',
  });
  assert.equal(parseCron('s', ' 0\t0 * * * ').text, '0 0 * * *');
});
