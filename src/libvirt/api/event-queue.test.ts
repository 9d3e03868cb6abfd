import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BoundedEventQueue } from './event-queue.js';

describe('BoundedEventQueue', () => {
  it('hands out items in order', async () => {
    const q = new BoundedEventQueue<number>(4);
    q.push(1);
    q.push(2);
    assert.deepEqual(await q.next(), { value: 1, done: false });
    assert.deepEqual(await q.next(), { value: 2, done: false });
  });

  it('wakes a waiting reader', async () => {
    const q = new BoundedEventQueue<string>(2);
    const p = q.next();
    q.push('a');
    assert.deepEqual(await p, { value: 'a', done: false });
  });

  it('drops the oldest items when full and counts them', async () => {
    const q = new BoundedEventQueue<number>(3);
    for (let i = 1; i <= 10; i++) q.push(i);
    assert.equal(q.dropped, 7);
    assert.equal(q.size, 3);
    const got = [(await q.next()).value, (await q.next()).value, (await q.next()).value];
    assert.deepEqual(got, [8, 9, 10]);
  });

  it('keeps memory bounded under a long burst', () => {
    const q = new BoundedEventQueue<number>(5);
    for (let i = 0; i < 100_000; i++) q.push(i);
    assert.equal(q.size, 5);
    assert.equal(q.dropped, 99_995);
  });

  it('drains remaining items after end, then reports done', async () => {
    const q = new BoundedEventQueue<number>(3);
    q.push(1);
    q.end();
    q.push(2);
    assert.deepEqual(await q.next(), { value: 1, done: false });
    assert.deepEqual(await q.next(), { value: undefined, done: true });
  });

  it('discards buffered items when ended with discard', async () => {
    const q = new BoundedEventQueue<number>(3);
    q.push(1);
    q.end(undefined, true);
    assert.deepEqual(await q.next(), { value: undefined, done: true });
  });

  it('rejects a waiting reader when ended with an error', async () => {
    const q = new BoundedEventQueue<number>(3);
    const p = q.next();
    q.end(new Error('gone'));
    await assert.rejects(p, /gone/);
  });
});
