import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HvError } from '../../errors/index.js';
import { parseProfileObject } from '../../profile/parse-profile-text.js';
import { closeNames, mediaLibrary } from './media-library.js';
import { resolveMedia, type MediaContext } from './resolve-media.js';

const dir = mkdtempSync(join(tmpdir(), 'hv-media-'));
const lib = join(dir, 'library');
mkdirSync(lib);
writeFileSync(join(lib, 'debian-12.qcow2'), 'x');
writeFileSync(join(lib, 'alpine.iso'), 'x');
writeFileSync(join(lib, 'loose.img'), 'x');
writeFileSync(join(dir, 'own.iso'), 'x');
test.after(() => {
  rmSync(dir, { recursive: true, force: true });
});

const library = mediaLibrary({ images: { pool: 'hv-images', dir: lib } } as never, [
  { name: 'debian-12', kind: 'cloud', path: join(lib, 'debian-12.qcow2') },
  { name: 'debian-11', kind: 'cloud', path: join(lib, 'missing.qcow2') },
  { name: 'alpine-iso', kind: 'iso', path: join(lib, 'alpine.iso') },
]);
const ctx: MediaContext = { imagesDir: lib, baseDir: dir, roots: [dir], library };
const profile = (o: Record<string, unknown>) =>
  parseProfileObject({ name: 'a', cpus: 1, memory: '1G', ...o }).profile;

test('library names resolve to the library files; paths and images.dir names still work', async () => {
  const m = await resolveMedia(
    profile({ iso: 'alpine-iso', disks: [{ from: 'debian-12', linked: true }] }),
    ctx,
  );
  assert.equal(m.iso, join(lib, 'alpine.iso'));
  assert.deepEqual(m.diskImages, [join(lib, 'debian-12.qcow2')]);
  const p = await resolveMedia(profile({ iso: './own.iso', disks: [{ from: 'loose.img' }] }), ctx);
  assert.equal(p.iso, join(dir, 'own.iso'));
  assert.deepEqual(p.diskImages, [join(lib, 'loose.img')]);
});

test('an unknown name is STORAGE_NOT_FOUND (exit 8) naming the field, the library and close names', async () => {
  await assert.rejects(resolveMedia(profile({ disks: [{ from: 'debain-12' }] }), ctx), (e: unknown) => {
    assert.ok(e instanceof HvError);
    assert.equal(e.code, 'STORAGE_NOT_FOUND');
    assert.equal(e.exitCode, 8);
    assert.match(
      e.message,
      /^disks\[0\]\.from: no image named debain-12 in the image library \(pool hv-images, /,
    );
    assert.match(e.message, /close names: debian-12$/);
    return true;
  });
  await assert.rejects(
    resolveMedia(profile({ iso: 'zzz' }), ctx),
    /^.*iso: no image named zzz .*it has: alpine-iso, debian-11, debian-12$/,
  );
  const empty = { ...ctx, library: mediaLibrary({ images: { pool: 'p', dir: lib } } as never, []) };
  await assert.rejects(resolveMedia(profile({ iso: 'zzz' }), empty), /it is empty \(hv image import FILE/);
});

test('a path that does not exist stays a validation error (exit 4) naming the field', async () => {
  await assert.rejects(resolveMedia(profile({ iso: './nope.iso' }), ctx), (e: unknown) => {
    assert.ok(e instanceof HvError);
    assert.equal(e.exitCode, 4);
    assert.match(e.message, /^iso/);
    return true;
  });
});

test('closeNames finds typos and names containing the word, at most five', () => {
  assert.deepEqual(closeNames('debain-12', ['debian-12', 'fedora']), ['debian-12']);
  assert.deepEqual(closeNames('debian', ['debian-11', 'debian-12', 'ubuntu']), ['debian-11', 'debian-12']);
  assert.deepEqual(closeNames('x', ['debian-12']), []);
  assert.equal(closeNames('a', ['a1', 'a2', 'a3', 'a4', 'a5', 'a6']).length, 5);
});
