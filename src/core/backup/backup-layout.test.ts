import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backupDirOf, backupStamp, checkpointNameOf, newBackupId, partialDirOf } from './backup-layout.js';

test('ids are <vm>.<UTC stamp to the second>, with -2, -3 while taken', () => {
  const t = new Date('2026-01-02T03:04:05.678Z');
  assert.equal(backupStamp(t), '20260102T030405Z');
  assert.equal(
    newBackupId('web-1', t, () => false),
    'web-1.20260102T030405Z',
  );
  const taken = new Set(['web-1.20260102T030405Z', 'web-1.20260102T030405Z-2']);
  assert.equal(
    newBackupId('web-1', t, (id) => taken.has(id)),
    'web-1.20260102T030405Z-3',
  );
});

test('a backup is written in a dot-directory next to its final place', () => {
  assert.equal(backupDirOf('/b', 'vm', 'vm.1'), '/b/vm/vm.1');
  assert.equal(partialDirOf('/b', 'vm', 'vm.1'), '/b/vm/.partial-vm.1');
  assert.equal(checkpointNameOf('vm.1'), 'hv-backup-vm.1');
});
