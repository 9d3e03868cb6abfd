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

/** Resolve once `cond` holds (polled), or fail after 5 s. */
async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(cond(), 'condition not reached in 5 s');
}

/** Run `body` with a partial backup `web-1.<n>` holding one disk file, in a directory removed after. */
async function withPartial(
  n: number,
  body: (b: { partial: string; final: string; m: ReturnType<typeof fakeManifest> }) => Promise<void>,
): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'hv-commit-'));
  try {
    const id = `web-1.${n}`;
    const partial = join(root, 'web-1', `.partial-${id}`);
    mkdirSync(partial, { recursive: true });
    writeFileSync(join(partial, 'vda.qcow2'), id);
    const m = fakeManifest({ vm: 'web-1', id, startedAt: '2026-11-25T12:00:00Z' });
    await body({ partial, final: join(root, 'web-1', id), m });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

test('while the files are still being fsynced, the manifest waits under its temporary name', async () => {
  await withPartial(2, async ({ partial, final, m }) => {
    let release: () => void = () => undefined;
    const synced = new Promise<void>((resolve) => (release = resolve));
    const commit = commitBackupDir(partial, final, m, synced);
    await until(() => existsSync(join(partial, '.manifest.json.tmp')));
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(readdirSync(partial).sort(), ['.manifest.json.tmp', 'vda.qcow2']);
    assert.equal(existsSync(final), false);
    release();
    await commit;
    assert.deepEqual(readdirSync(final).sort(), ['manifest.json', 'vda.qcow2']);
  });
});

test('a failed fsync fails the commit and the directory stays partial', async () => {
  await withPartial(3, async ({ partial, final, m }) => {
    const eio = Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
    await assert.rejects(commitBackupDir(partial, final, m, Promise.reject(eio)), {
      code: 'STORAGE_ERROR',
      message: /cannot complete backup web-1\.3 .*EIO/,
    });
    assert.equal(existsSync(final), false);
    assert.equal(existsSync(join(partial, 'manifest.json')), false);
  });
});
