import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStateDb } from '../../store/state-db.js';
import { verifiedLabel, type ImageRecord } from '../image-record.js';
import { ImageRecords } from './image-records.js';

const rec: ImageRecord = {
  name: 'debian-12',
  kind: 'cloud',
  format: 'qcow2',
  arch: 'x86_64',
  pool: 'hv-library',
  volume: 'debian-12.qcow2',
  path: '/var/lib/hv/library/debian-12.qcow2',
  sizeBytes: 123,
  source: 'https://example/debian-12.qcow2',
  catalogEntry: 'debian-12',
  checksum: { algorithm: 'sha512', value: 'ab'.repeat(64) },
  verifiedBy: 'sha512+gpg',
  signer: 'DF9B9C49EAA9298432589D76DA87E80D6294BE9B',
  insecure: false,
  insecureReason: undefined,
  addedAt: '2025-01-01T00:00:00.000Z',
  verifiedAt: undefined,
};

test('records round-trip through the images table (migration 0002-images)', () => {
  const db = openStateDb(':memory:');
  const store = new ImageRecords(db);
  store.insert(rec);
  store.insert({
    ...rec,
    name: 'a-iso',
    kind: 'iso',
    insecure: true,
    insecureReason: 'no key',
    verifiedBy: 'sha256',
    signer: undefined,
    catalogEntry: undefined,
    arch: undefined,
  });
  assert.deepEqual(store.get('debian-12'), rec);
  assert.deepEqual(
    store.list().map((r) => r.name),
    ['a-iso', 'debian-12'],
  );
  assert.equal(verifiedLabel(store.get('a-iso') ?? rec), 'INSECURE');
  assert.equal(verifiedLabel(rec), 'sha512+gpg');
  assert.throws(() => {
    store.insert(rec);
  }, /UNIQUE/);
  store.markVerified('debian-12', '2025-02-02T00:00:00.000Z');
  assert.equal(store.get('debian-12')?.verifiedAt, '2025-02-02T00:00:00.000Z');
  assert.equal(store.delete('debian-12'), true);
  assert.equal(store.delete('debian-12'), false);
  assert.equal(store.get('debian-12'), undefined);
  assert.throws(
    () =>
      db
        .prepare(
          "INSERT INTO images (name, kind, format, pool, volume, path, size_bytes, source, checksum_algo, checksum, verified_by, added_at) VALUES ('x', 'floppy', 'raw', 'p', 'v', '/p', 1, 's', 'sha256', 'h', 'local', 't')",
        )
        .run(),
    /CHECK/,
  );
  db.close();
});
