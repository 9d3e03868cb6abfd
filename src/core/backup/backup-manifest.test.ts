import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeManifest } from '../../../test/helpers/backup-fixtures.js';
import { formatBackupManifest, parseBackupManifest } from './backup-manifest.js';
import { HvError } from '../errors/index.js';

const good = fakeManifest({
  vm: 'web-1',
  id: 'web-1.20261126T120000Z',
  startedAt: '2026-11-26T12:00:00.000Z',
});

test('a written manifest parses back to the same value', () => {
  assert.deepEqual(parseBackupManifest(formatBackupManifest(good)), good);
});

test('truncated text is an incomplete manifest, not a crash', () => {
  const text = formatBackupManifest(good);
  assert.throws(
    () => parseBackupManifest(text.slice(0, text.length / 2)),
    (e: HvError) => e.code === 'INVALID_ARGUMENT' && /not valid JSON/.test(e.message),
  );
});

test('every field is checked, and the message names the first broken one', () => {
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['missing sha256', { disks: [{ ...good.disks[0], sha256: undefined }] }, /disks\.0\.sha256/],
    ['bad sha256', { disks: [{ ...good.disks[0], sha256: 'abc' }] }, /disks\.0\.sha256/],
    ['path as file name', { disks: [{ ...good.disks[0], file: '../etc/passwd' }] }, /disks\.0\.file/],
    ['unknown format', { format: 'hv-backup-manifest/9' }, /format/],
    ['unknown key', { extra: 1 }, /extra|Unrecognized/],
    ['no disks', { disks: [] }, /disks/],
    ['bad time', { startedAt: 'yesterday' }, /startedAt/],
  ];
  for (const [what, patch, field] of cases) {
    assert.throws(
      () => parseBackupManifest(JSON.stringify({ ...good, ...patch })),
      (e: HvError) => field.test(e.message),
      what,
    );
  }
});

test('type and parent must agree; a file may be listed once', () => {
  assert.throws(
    () => parseBackupManifest(JSON.stringify({ ...good, type: 'incremental' })),
    /needs a parent/,
  );
  assert.throws(() => parseBackupManifest(JSON.stringify({ ...good, parent: 'web-1.x' })), /needs a parent/);
  const twice = { ...good, disks: [good.disks[0], { ...good.disks[0], target: 'vdb' }] };
  assert.throws(() => parseBackupManifest(JSON.stringify(twice)), /listed twice/);
});
