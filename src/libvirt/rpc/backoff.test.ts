// Tests the reconnect backoff: doubling from the initial delay, the cap, and the jitter bounds.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  const mid = (): number => 0.5; // no jitter effect

  it('doubles from 100 ms and caps at 5 s by default', () => {
    const delays = [0, 1, 2, 3, 4, 5, 6, 10].map((a) => backoffDelay(a, {}, mid));
    assert.deepEqual(delays, [100, 200, 400, 800, 1600, 3200, 5000, 5000]);
  });

  it('spreads by the jitter fraction either way, never above the cap', () => {
    assert.equal(
      backoffDelay(0, { jitter: 0.2 }, () => 0),
      80,
    );
    assert.equal(
      backoffDelay(0, { jitter: 0.2 }, () => 0.999999),
      120,
    );
    assert.equal(
      backoffDelay(20, { jitter: 0.5 }, () => 0.999999),
      5000,
    );
    assert.equal(
      backoffDelay(20, { jitter: 0.5 }, () => 0),
      2500,
    );
  });

  it('honours custom settings and tolerates odd input', () => {
    assert.equal(backoffDelay(2, { initialMs: 10, factor: 3, maxMs: 1000, jitter: 0 }), 90);
    assert.equal(backoffDelay(-1, { initialMs: 10, jitter: 0 }), 10);
    assert.equal(backoffDelay(3, { initialMs: 50, maxMs: 10, jitter: 0 }), 50);
  });
});
