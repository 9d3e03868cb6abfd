import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planPrune } from '../retention/index.js';
import { keepParentChains } from './keep-parent-chains.js';

const DAY = 86_400_000;
const t0 = Date.parse('2026-11-20T12:00:00Z');

/** Daily backups d0 (oldest) .. d5: d0 full, d1-d2 incremental on it, d3 full, d4-d5 incremental. */
const backups = [
  { id: 'd0', parent: null },
  { id: 'd1', parent: 'd0' },
  { id: 'd2', parent: 'd1' },
  { id: 'd3', parent: null },
  { id: 'd4', parent: 'd3' },
  { id: 'd5', parent: 'd4' },
].map((b, i) => ({ ...b, time: t0 + i * DAY }));
const parents = new Map(backups.map((b) => [b.id, b.parent]));

function decide(opts: Parameters<typeof planPrune>[1], protectedIds: string[] = []) {
  const plan = planPrune(
    backups.map((b) => ({ id: b.id, time: b.time, protected: protectedIds.includes(b.id) })),
    opts,
    'UTC',
  );
  return Object.fromEntries(keepParentChains(plan, parents).map((d) => [d.id, `${d.action}: ${d.reason}`]));
}

test('keep-last 1 keeps the newest incremental and every backup it builds on', () => {
  assert.deepEqual(decide({ keepLast: 1 }), {
    d5: 'keep: keep-last',
    d4: 'keep: kept: parent of d5',
    d3: 'keep: kept: parent of d4',
    d2: 'remove: remove: outside every keep option',
    d1: 'remove: remove: outside every keep option',
    d0: 'remove: remove: outside every keep option',
  });
});

test('a kept old incremental keeps its whole chain; nothing outside it', () => {
  const r = decide({ keepLast: 1 }, ['d2']);
  assert.equal(r['d2'], 'keep: protected');
  assert.equal(r['d1'], 'keep: kept: parent of d2');
  assert.equal(r['d0'], 'keep: kept: parent of d1');
});

test('when retention already keeps a parent, it keeps its own reason', () => {
  const r = decide({ keepLast: 3 });
  assert.equal(r['d3'], 'keep: keep-last');
  assert.equal(r['d2'], 'remove: remove: outside every keep option');
});
