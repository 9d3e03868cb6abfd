import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { onAbortShared } from './shared-abort-listener.js';

test('hundreds of waiters share one abort listener and all run on abort', () => {
  const ac = new AbortController();
  const ran: number[] = [];
  for (let i = 0; i < 300; i++) onAbortShared(ac.signal, () => ran.push(i));
  assert.equal(getEventListeners(ac.signal, 'abort').length, 1);
  ac.abort();
  assert.equal(ran.length, 300);
  assert.equal(getEventListeners(ac.signal, 'abort').length, 0);
});

test('a cancelled waiter does not run; the last cancel removes the listener', () => {
  const ac = new AbortController();
  const ran: string[] = [];
  const cancelA = onAbortShared(ac.signal, () => ran.push('a'));
  const cancelB = onAbortShared(ac.signal, () => ran.push('b'));
  cancelA();
  assert.equal(getEventListeners(ac.signal, 'abort').length, 1);
  cancelB();
  assert.equal(getEventListeners(ac.signal, 'abort').length, 0);
  onAbortShared(ac.signal, () => ran.push('c'));
  ac.abort();
  assert.deepEqual(ran, ['c']);
});

test('cancelling from inside an abort callback is harmless', () => {
  const ac = new AbortController();
  const ran: string[] = [];
  const cancels: (() => void)[] = [];
  cancels.push(
    onAbortShared(ac.signal, () => {
      ran.push('x');
      for (const c of cancels) c();
    }),
  );
  cancels.push(onAbortShared(ac.signal, () => ran.push('y')));
  ac.abort();
  assert.deepEqual(ran, ['x', 'y']);
});
