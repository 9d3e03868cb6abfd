import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeManifest } from '../../../test/helpers/backup-fixtures.js';
import { commitBackupDir } from './commit-backup-dir.js';
import { readBackupDir } from './scan-backup-target.js';

test('commit writes the manifest last, renames the directory and closes it to others', async () => {
  const root = mkdtempSync(join(tmpdir(), 'hv-commit-'));
  try {
    const m = fakeManifest({ vm: 'web-1', id: 'web-1.1', startedAt: '2026-11-25T12:00:00Z' });
    const partial = join(root, 'web-1', '.partial-web-1.1');
    mkdirSync(partial, { recursive: true });
    writeFileSync(join(partial, 'vda.qcow2'), 'web-1.1', { mode: 0o644 });
    await assert.rejects(readBackupDir(partial), /no manifest\.json/);
    const final = join(root, 'web-1', 'web-1.1');
    await commitBackupDir(partial, final, m);
    assert.equal(existsSync(partial), false);
    assert.deepEqual(readdirSync(final).sort(), ['manifest.json', 'vda.qcow2']);
    assert.equal(statSync(final).mode & 0o777, 0o700);
    assert.equal(statSync(join(final, 'vda.qcow2')).mode & 0o777, 0o600);
    assert.deepEqual((await readBackupDir(final, 'web-1.1')).manifest, m);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
