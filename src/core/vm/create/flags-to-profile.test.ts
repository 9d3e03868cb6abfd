import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HvError } from '../../errors/index.js';
import { flagsToProfile } from './flags-to-profile.js';

test('flags become a validated profile with a linked image disk and a network', () => {
  const { profile } = flagsToProfile('web1', {
    cpus: '2',
    memory: '2G',
    disk: '20G',
    image: 'debian.qcow2',
    network: 'lan',
  });
  assert.equal(profile.name, 'web1');
  assert.equal(profile.cpus, 2);
  assert.equal(profile.memoryMiB, 2048);
  assert.equal(profile.disks.length, 1);
  const d0 = profile.disks.at(0);
  assert.ok(d0);
  assert.equal(d0.from, 'debian.qcow2');
  assert.equal(d0.linked, true);
  assert.equal(d0.sizeBytes, 20 * 1024 ** 3);
  assert.deepEqual(profile.nics[0]?.source, { type: 'network', network: 'lan' });
});

test('bad flags fail like a bad profile, exit 4, naming the field', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ memory: '10P' }, /memory/],
    [{ cpus: 'many' }, /cpus/],
    [{ disk: 'huge' }, /disks\[0\]\.size/],
  ];
  for (const [flags, field] of cases) {
    assert.throws(
      () => flagsToProfile('x', flags),
      (err: unknown) => err instanceof HvError && err.exitCode === 4 && field.test(err.message),
    );
  }
});
