import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configKeyNames, configKeys } from './config-keys.js';

test('configKeys lists leaf keys with types and defaults from the schema', () => {
  const byKey = new Map(configKeys().map((k) => [k.key, k]));
  assert.equal(byKey.get('backup.dir')?.default, '/var/lib/hv/backups');
  assert.equal(byKey.get('backup.dir')?.section, 'Backups.');
  assert.equal(byKey.get('vm.virt_type')?.type, 'one of: auto, kvm, qemu');
  assert.equal(byKey.get('doctor.min_free_gib')?.type, 'number >= 0');
  assert.equal(byKey.get('allowed_roots')?.type, 'list of absolute path');
  assert.equal(byKey.get('storage.pool')?.type, 'name');
  assert.equal(byKey.get('connect')?.type, 'libvirt URI');
  assert.equal(byKey.get('backup.compress')?.type, 'boolean');
  assert.equal(byKey.has('backup'), false);
});

test('configKeyNames includes sections and leaves', () => {
  const names = configKeyNames();
  assert.ok(names.includes('backup'));
  assert.ok(names.includes('backup.compress'));
  assert.ok(names.includes('connect'));
});
