import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFakeBackup } from '../../../test/helpers/backup-fixtures.js';
import { scanBackupTarget } from './scan-backup-target.js';

test('complete, incomplete and partial directories are told apart', async () => {
  const target = mkdtempSync(join(tmpdir(), 'hv-scan-'));
  try {
    const ok = writeFakeBackup(target, { vm: 'web-1', id: 'web-1.1', startedAt: '2026-11-25T12:00:00Z' });
    writeFileSync(join(ok.dir, '.protected'), '');
    writeFakeBackup(target, { vm: 'db', id: 'db.1', startedAt: '2026-11-25T12:00:00Z' });
    const grown = writeFakeBackup(target, { vm: 'web-1', id: 'web-1.2', startedAt: '2026-11-26T12:00:00Z' });
    appendFileSync(join(grown.dir, 'vda.qcow2'), 'x');
    const renamed = writeFakeBackup(target, {
      vm: 'web-1',
      id: 'web-1.3',
      startedAt: '2026-11-26T13:00:00Z',
    });
    rmSync(join(renamed.dir, 'manifest.json'));
    mkdirSync(join(target, 'web-1', '.partial-web-1.4'));
    mkdirSync(join(target, 'web-1', '.deleting-web-1.0'));
    mkdirSync(join(target, 'web-1', '.something-else'));

    const all = await scanBackupTarget(target);
    assert.deepEqual(
      all.complete.map((b) => [b.manifest.id, b.protected]),
      [
        ['db.1', false],
        ['web-1.1', true],
      ],
    );
    assert.deepEqual(
      all.incomplete.map((i) => i.dir.slice(target.length)),
      ['/web-1/web-1.2', '/web-1/web-1.3'],
    );
    assert.match(all.incomplete[0]?.reason ?? '', /vda\.qcow2 has \d+ bytes, the manifest says/);
    assert.match(all.incomplete[1]?.reason ?? '', /no manifest\.json/);
    assert.deepEqual(
      all.partial.map((p) => p.slice(target.length)),
      ['/web-1/.deleting-web-1.0', '/web-1/.partial-web-1.4'],
    );
    const one = await scanBackupTarget(target, 'db');
    assert.deepEqual(
      one.complete.map((b) => b.manifest.id),
      ['db.1'],
    );
    assert.deepEqual(await scanBackupTarget(join(target, 'nothing-here')), {
      complete: [],
      incomplete: [],
      partial: [],
    });
  } finally {
    rmSync(target, { recursive: true, force: true });
  }
});
