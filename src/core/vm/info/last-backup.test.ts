import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStateDb, STATE_DB_FILE } from '../../store/state-db.js';
import { lastBackup } from './last-backup.js';

describe('lastBackup', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hv-last-backup-'));
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('is null without hv.db, and does not create it', () => {
    assert.equal(lastBackup(join(dir, 'none'), { name: 'web', uuid: 'u1' }), null);
  });

  it('picks the newest backup of the VM by uuid, not another VM of the same name', () => {
    const db = openStateDb(join(dir, STATE_DB_FILE));
    const insert = db.prepare(
      `INSERT INTO backups (id, vm, vm_uuid, type, mode, parent_id, checkpoint, started_at, ended_at, dir,
        size_bytes, compressed, protected) VALUES (?, ?, ?, ?, 'live', NULL, NULL, ?, ?, ?, ?, 0, 0)`,
    );
    insert.run('b1', 'web', 'u1', 'full', '2026-01-01T00:00:00Z', '2026-01-01T00:05:00Z', '/b/1', 100);
    insert.run('b2', 'web', 'u1', 'incremental', '2026-01-02T00:00:00Z', '2026-01-02T00:01:00Z', '/b/2', 7);
    insert.run('b3', 'web', 'u-old', 'full', '2026-02-01T00:00:00Z', '2026-02-01T00:01:00Z', '/b/3', 9);
    db.close();
    assert.deepEqual(lastBackup(dir, { name: 'web', uuid: 'u1' }), {
      id: 'b2',
      type: 'incremental',
      endedAt: '2026-01-02T00:01:00Z',
      sizeBytes: 7,
      dir: '/b/2',
    });
    assert.equal(lastBackup(dir, { name: 'db', uuid: 'u9' }), null);
  });
});
