import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatCpuTime } from './format-cpu-time.js';

test('CPU time uses the largest useful unit', () => {
  assert.equal(formatCpuTime(0), '0.0s');
  assert.equal(formatCpuTime(12.34), '12.3s');
  assert.equal(formatCpuTime(59.94), '59.9s');
  assert.equal(formatCpuTime(60), '1m00s');
  assert.equal(formatCpuTime(245.9), '4m05s');
  assert.equal(formatCpuTime(3600), '1h00m');
  assert.equal(formatCpuTime(3 * 3600 + 2 * 60 + 59), '3h02m');
  assert.equal(formatCpuTime(12 * 86_400 + 4 * 3600 + 1), '12d04h');
});

test('impossible values show a dash', () => {
  assert.equal(formatCpuTime(-1), '-');
  assert.equal(formatCpuTime(Number.NaN), '-');
});
