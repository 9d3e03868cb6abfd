import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStateDb } from '../store/state-db.js';
import { fakeManifest } from '../../../test/helpers/backup-fixtures.js';
import { BackupCatalog } from './backup-catalog.js';

function catalog(): BackupCatalog {
  return new BackupCatalog(openStateDb(':memory:'));
}

test('a recorded backup comes back with its fields; lists are oldest first per VM', () => {
  const c = catalog();
  const b2 = fakeManifest({
    vm: 'web-1',
    id: 'web-1.2',
    startedAt: '2026-11-26T12:00:00Z',
    parent: 'web-1.1',
  });
  c.record(b2, '/b/web-1/web-1.2');
  c.record(
    fakeManifest({ vm: 'web-1', id: 'web-1.1', startedAt: '2026-11-25T12:00:00Z' }),
    '/b/web-1/web-1.1',
  );
  c.record(fakeManifest({ vm: 'db', id: 'db.1', startedAt: '2026-11-27T12:00:00Z' }), '/b/db/db.1');
  assert.deepEqual(
    c.list('web-1').map((e) => e.id),
    ['web-1.1', 'web-1.2'],
  );
  assert.deepEqual(
    c.list().map((e) => e.id),
    ['db.1', 'web-1.1', 'web-1.2'],
  );
  assert.deepEqual(c.vms(), ['db', 'web-1']);
  const e = c.get('web-1.2');
  assert.ok(e);
  assert.equal(e.type, 'incremental');
  assert.equal(e.parent, 'web-1.1');
  assert.equal(e.checkpoint, 'hv-backup-web-1.2');
  assert.equal(e.sizeBytes, b2.disks[0]?.size);
  assert.equal(e.protected, false);
  assert.equal(e.verifyResult, null);
});

test('protection and verification survive a re-record unless protection is given', () => {
  const c = catalog();
  const m = fakeManifest({ vm: 'web-1', id: 'web-1.1', startedAt: '2026-11-25T12:00:00Z' });
  c.record(m, '/b/web-1/web-1.1');
  assert.equal(c.setProtected('web-1.1', true), true);
  assert.equal(c.setProtected('nope', true), false);
  c.recordVerification('web-1.1', 'failed', 'vda.qcow2: SHA-256 differs', new Date('2026-11-26T00:00:00Z'));
  c.record(m, '/moved/web-1/web-1.1');
  const e = c.get('web-1.1');
  assert.ok(e);
  assert.equal(e.dir, '/moved/web-1/web-1.1');
  assert.equal(e.protected, true);
  assert.equal(e.verifyResult, 'failed');
  assert.equal(e.verifiedAt, '2026-11-26T00:00:00.000Z');
  c.record(m, '/moved/web-1/web-1.1', false);
  assert.equal(c.get('web-1.1')?.protected, false);
  c.remove('web-1.1');
  assert.equal(c.get('web-1.1'), undefined);
});
