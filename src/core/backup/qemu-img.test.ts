import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chainSpec, topLayerSpec } from './qemu-img.js';

interface Spec {
  file: { filename: string };
  backing: Spec | null | Record<string, unknown>;
}

test('a chain spec opens base first, each file the backing of the next, none from headers', () => {
  const spec = chainSpec(['/b/full/vda.qcow2', '/b/inc1/vda.qcow2', '/b/inc2/vda.qcow2']);
  assert.ok(spec.startsWith('json:'));
  const top = JSON.parse(spec.slice(5)) as Spec;
  const mid = top.backing as Spec;
  const base = mid.backing as Spec;
  assert.equal(top.file.filename, '/b/inc2/vda.qcow2');
  assert.equal(mid.file.filename, '/b/inc1/vda.qcow2');
  assert.equal(base.file.filename, '/b/full/vda.qcow2');
  assert.equal(base.backing, null);
  assert.equal((JSON.parse(chainSpec(['/only.qcow2']).slice(5)) as Spec).backing, null);
  assert.throws(() => chainSpec([]));
});

test('a top-layer spec backs a file with zeros of its size, so unallocated stays unallocated', () => {
  const s = JSON.parse(topLayerSpec('/p "q".qcow2', 1024).slice(5)) as Spec;
  assert.equal(s.file.filename, '/p "q".qcow2');
  assert.deepEqual(s.backing, { driver: 'null-co', size: 1024, 'read-zeroes': true });
});
