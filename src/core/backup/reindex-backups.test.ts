import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeManifest, writeFakeBackup } from '../../../test/helpers/backup-fixtures.js';
import { openStateDb } from '../store/state-db.js';
import { BackupCatalog } from './backup-catalog.js';
import { reindexBackups } from './reindex-backups.js';

test('reindex rebuilds the catalog from manifests, keeps rows of other targets, reports leftovers', async () => {
  const root = mkdtempSync(join(tmpdir(), 'hv-reindex-'));
  try {
    const target = join(root, 't');
    const catalog = new BackupCatalog(openStateDb(':memory:'));
    const a = writeFakeBackup(target, { vm: 'web-1', id: 'web-1.1', startedAt: '2026-11-25T12:00:00Z' });
    writeFileSync(join(a.dir, '.protected'), '');
    const b = writeFakeBackup(target, {
      vm: 'web-1',
      id: 'web-1.2',
      startedAt: '2026-11-26T12:00:00Z',
      parent: 'web-1.1',
    });
    catalog.record(b.manifest, b.dir);
    catalog.record(
      fakeManifest({ vm: 'web-1', id: 'web-1.gone', startedAt: '2026-11-20T12:00:00Z' }),
      join(target, 'web-1', 'web-1.gone'),
    );
    catalog.record(
      fakeManifest({ vm: 'db', id: 'db.elsewhere', startedAt: '2026-11-20T12:00:00Z' }),
      join(root, 'other', 'db', 'db.elsewhere'),
    );
    mkdirSync(join(target, 'web-1', '.partial-web-1.3'));
    mkdirSync(join(target, 'web-1', 'web-1.4'));

    const r = await reindexBackups(catalog, [target]);
    assert.deepEqual(r.added, ['web-1.1']);
    assert.deepEqual(r.updated, ['web-1.2']);
    assert.deepEqual(r.removed, ['web-1.gone']);
    assert.deepEqual(r.partial, [join(target, 'web-1', '.partial-web-1.3')]);
    assert.equal(r.incomplete[0]?.dir, join(target, 'web-1', 'web-1.4'));
    assert.deepEqual(
      catalog.list().map((e) => e.id),
      ['db.elsewhere', 'web-1.1', 'web-1.2'],
    );
    assert.equal(catalog.get('web-1.1')?.protected, true);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
