import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFakeBackup } from '../../../test/helpers/backup-fixtures.js';
import { openStateDb } from '../store/state-db.js';
import { BackupCatalog } from './backup-catalog.js';
import { pruneBackups } from './prune-backups.js';

/** web-1: f1 full, i1/i2 incremental on it, f2 full, i3 incremental on f2; one a day. */
function setUp() {
  const root = mkdtempSync(join(tmpdir(), 'hv-prune-'));
  const catalog = new BackupCatalog(openStateDb(':memory:'));
  const plan: [string, string | null][] = [
    ['f1', null],
    ['i1', 'f1'],
    ['i2', 'i1'],
    ['f2', null],
    ['i3', 'f2'],
  ];
  plan.forEach(([id, parent], day) => {
    const b = writeFakeBackup(join(root, 'target'), {
      vm: 'web-1',
      id,
      parent,
      startedAt: new Date(Date.UTC(2026, 10, 20 + day, 12)).toISOString(),
    });
    catalog.record(b.manifest, b.dir);
  });
  return { root, catalog, ctx: { catalog, stateDir: join(root, 'state') } };
}

test('--dry-run decides but changes nothing', async () => {
  const { root, catalog, ctx } = setUp();
  try {
    const results = await pruneBackups(ctx, {
      options: { keepLast: 1 },
      timeZone: 'UTC',
      dryRun: true,
      warn: () => undefined,
    });
    const r = results[0];
    assert.ok(r);
    assert.deepEqual(
      r.decisions.map((d) => `${d.id} ${d.action} ${d.reason}`),
      [
        'i3 keep keep-last',
        'f2 keep kept: parent of i3',
        'i2 remove remove: outside every keep option',
        'i1 remove remove: outside every keep option',
        'f1 remove remove: outside every keep option',
      ],
    );
    assert.deepEqual(r.removed, []);
    assert.equal(catalog.list().length, 5);
    assert.equal(readdirSync(join(root, 'target', 'web-1')).length, 5);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('prune removes directories and rows, never a parent of a kept or protected backup', async () => {
  const { root, catalog, ctx } = setUp();
  try {
    catalog.setProtected('i1', true);
    const results = await pruneBackups(ctx, {
      vms: ['web-1'],
      options: { keepLast: 1 },
      timeZone: 'UTC',
      dryRun: false,
      warn: () => undefined,
    });
    const r = results[0];
    assert.ok(r);
    assert.deepEqual(r.removed, ['i2']);
    assert.deepEqual(
      catalog.list('web-1').map((e) => e.id),
      ['f1', 'i1', 'f2', 'i3'],
    );
    assert.equal(r.decisions.find((d) => d.id === 'f1')?.reason, 'kept: parent of i1');
    assert.deepEqual(readdirSync(join(root, 'target', 'web-1')).sort(), ['f1', 'f2', 'i1', 'i3']);
    assert.equal(existsSync(join(root, 'state', 'locks', 'backup-web-1.lock')), false, 'lock released');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
