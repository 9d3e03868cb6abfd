import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderProgressLine } from './progress-bar.js';

const MiB = 1024 * 1024;

test('the progress line shows sizes, percent, bar, rate and ETA', () => {
  const line = renderProgressLine(
    'debian-12',
    { received: 50 * MiB, total: 200 * MiB, resumedFrom: 0 },
    5,
    100,
  );
  assert.match(line, /^debian-12 {2}50M\/200M {2}\[=+ +\] {2} 25% 10M\/s {2}ETA 00:15$/);
});

test('unknown total: no percent, no bar, ETA unknown; a resumed part does not inflate the rate', () => {
  const line = renderProgressLine(
    'x',
    { received: 30 * MiB, total: undefined, resumedFrom: 20 * MiB },
    2,
    80,
  );
  assert.equal(line, 'x  30M/?  5M/s  ETA --:--');
});
