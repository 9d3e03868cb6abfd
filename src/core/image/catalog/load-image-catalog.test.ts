import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HvError } from '../../errors/index.js';
import { loadImageCatalog, parseCatalogEntries } from './load-image-catalog.js';
import { normalizeFingerprint } from './catalog-entry-schema.js';

const entry = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  name: 'local-test',
  kind: 'cloud',
  url: 'http://127.0.0.1:8080/img.qcow2',
  checksum: { algorithm: 'sha256', url: 'SHA256SUMS' },
  signature: { url: 'SHA256SUMS.gpg', fingerprints: ['AAAA BBBB CCCC DDDD EEEE FFFF 0000 1111 2222 3333'] },
  ...over,
});

test('the shipped catalog loads and covers the usual distributions, each with a checksum source', async () => {
  const cat = await loadImageCatalog({ catalog: [], catalog_files: [] });
  for (const name of [
    'debian-12',
    'debian-13',
    'debian-13-netinst',
    'ubuntu-24.04',
    'ubuntu-22.04-server',
    'fedora-42',
    'alpine-3.22-virt',
    'arch',
    'nixos-25.05-minimal',
    'rocky-9',
  ]) {
    assert.ok(cat.has(name), name);
  }
  for (const item of cat.values()) {
    assert.ok(item.checksum.url !== undefined || item.checksum.value !== undefined, item.name);
    assert.ok(item.url.startsWith('https://'), `${item.name} is fetched over https`);
    for (const f of item.signature?.fingerprints ?? [])
      assert.match(normalizeFingerprint(f), /^[0-9A-F]{40}$/);
  }
  assert.equal(
    cat.get('debian-13-netinst')?.signature?.fingerprints[0],
    'DF9B 9C49 EAA9 2984 3258 9D76 DA87 E80D 6294 BE9B',
  );
});

test('config entries and extra files extend the catalog; a later entry replaces one of the same name', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hv-cat-'));
  try {
    const extra = join(dir, 'site.yaml');
    writeFileSync(
      extra,
      `images:\n  - name: debian-12\n    kind: cloud\n    url: https://mirror.example/debian-12.qcow2\n    checksum: { algorithm: sha512, url: SHA512SUMS }\n`,
    );
    const cat = await loadImageCatalog({ catalog: [entry()], catalog_files: [extra] });
    assert.equal(cat.get('debian-12')?.url, 'https://mirror.example/debian-12.qcow2');
    assert.equal(cat.get('debian-12')?.origin, extra);
    assert.equal(cat.get('local-test')?.signature?.format, 'detached');
    assert.equal(cat.get('local-test')?.arch, 'x86_64');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad entries are refused with the origin, the entry and the rule', () => {
  const bad = (over: Record<string, unknown>, re: RegExp): void => {
    assert.throws(
      () => parseCatalogEntries([entry(over)], 'cfg'),
      (e: unknown) => {
        assert.ok(e instanceof HvError && e.code === 'CONFIG_INVALID');
        assert.match(e.message, re);
        return true;
      },
    );
  };
  bad({ name: '../etc' }, /cfg: entry 1 \(\.\.\/etc\): name: expected a name/);
  bad({ url: 'file:///etc/passwd' }, /url: expected an http\(s\) URL/);
  bad({ file: '../../x.iso' }, /file: expected a bare file name/);
  bad(
    { checksum: { algorithm: 'sha256', url: '../SHA256SUMS' } },
    /checksum\.url: must not contain "\.\." segments/,
  );
  bad({ checksum: { algorithm: 'md5', url: 'MD5SUMS' } }, /checksum\.algorithm/);
  bad({ checksum: { algorithm: 'sha256' } }, /checksum: needs url/);
  bad({ checksum: { algorithm: 'sha256', value: 'abcd' } }, /a sha256 checksum has 64 hex digits/);
  bad({ signature: { url: 'x.sig', fingerprints: ['1234'] } }, /fingerprint/);
  bad(
    { signature: { fingerprints: ['AAAA BBBB CCCC DDDD EEEE FFFF 0000 1111 2222 3333'] } },
    /a detached signature needs url/,
  );
  bad({ file: 'x-*.iso' }, /url: must end with \/ when file holds a \*/);
  bad({ extra: 1 }, /Unrecognized key/);
  assert.throws(
    () => parseCatalogEntries([entry(), entry()], 'cfg'),
    /entry 2 \(local-test\): the name local-test is used twice/,
  );
});
