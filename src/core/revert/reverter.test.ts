import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Reverter } from './reverter.js';

test('revert runs undos newest first and continues past a failing undo', async () => {
  const r = new Reverter();
  const ran: string[] = [];
  r.add('a', () => Promise.resolve(void ran.push('a')));
  r.add('b', () => Promise.reject(new Error('boom')));
  r.add('c', () => Promise.resolve(void ran.push('c')));
  const report = await r.revert();
  assert.deepEqual(ran, ['c', 'a']);
  assert.deepEqual(report.reverted, ['c', 'a']);
  assert.equal(report.failed.length, 1);
  assert.equal(report.failed[0]?.label, 'b');
});

test('success forgets the undos and later adds are refused', async () => {
  const r = new Reverter();
  let ran = false;
  r.add('x', () => Promise.resolve(void (ran = true)));
  assert.equal(r.size, 1);
  r.success();
  assert.equal(r.size, 0);
  const report = await r.revert();
  assert.equal(ran, false);
  assert.deepEqual(report.reverted, []);
  assert.throws(() => {
    r.add('y', () => Promise.resolve());
  }, /already finished/);
});
