import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChecksumList } from './parse-checksum-list.js';
import { findChecksum } from './find-checksum.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(128);

test('GNU text and binary lines, with CRLF, comments and blank lines', () => {
  const text = `# SHA256 checksums\r\n${A}  debian.iso\r\n\r\n${B} *other.img\r\n  # indented comment\r\n`;
  assert.deepEqual(parseChecksumList(text), [
    { algorithm: 'sha256', hash: A, file: 'debian.iso' },
    { algorithm: 'sha256', hash: B, file: 'other.img' },
  ]);
});

test('BSD lines (Fedora, Rocky) with their algorithm tag; MD5/SHA1 lines are dropped', () => {
  const text = [
    '-----BEGIN nothing-----',
    `SHA256 (Fedora-Cloud.qcow2) = ${A.toUpperCase()}`,
    `SHA512 (Fedora-Cloud.qcow2) = ${C}`,
    `MD5 (Fedora-Cloud.qcow2) = ${'d'.repeat(32)}`,
    `SHA1 (x) = ${'e'.repeat(40)}`,
    '# Fedora-Cloud.qcow2: 123 bytes',
  ].join('\n');
  assert.deepEqual(parseChecksumList(text), [
    { algorithm: 'sha256', hash: A, file: 'Fedora-Cloud.qcow2' },
    { algorithm: 'sha512', hash: C, file: 'Fedora-Cloud.qcow2' },
  ]);
});

test('a bare hash, a ./ prefix, an escaped GNU name and a single-space separator', () => {
  assert.deepEqual(parseChecksumList(`${C}\n`), [{ algorithm: 'sha512', hash: C, file: undefined }]);
  assert.deepEqual(parseChecksumList(`${A}  ./dir/x.iso`), [
    { algorithm: 'sha256', hash: A, file: 'dir/x.iso' },
  ]);
  assert.deepEqual(parseChecksumList(`\\${A}  a\\\\b\\nc`), [
    { algorithm: 'sha256', hash: A, file: 'a\\b\nc' },
  ]);
  assert.deepEqual(parseChecksumList(`${A} one.iso`), [{ algorithm: 'sha256', hash: A, file: 'one.iso' }]);
  assert.deepEqual(parseChecksumList('\uFEFFnot a checksum\n1234 x\n'), []);
});

test('findChecksum picks the named file and the algorithm asked for', () => {
  const lines = parseChecksumList(`${A}  a.iso\n${B}  b.iso\nSHA512 (a.iso) = ${C}\n`);
  assert.deepEqual(findChecksum(lines, 'b.iso', 'sha256'), { file: 'b.iso', algorithm: 'sha256', hash: B });
  assert.deepEqual(findChecksum(lines, 'a.iso', 'sha512'), { file: 'a.iso', algorithm: 'sha512', hash: C });
  assert.throws(
    () => findChecksum(lines, 'c.iso', 'sha256'),
    (e: Error) => {
      assert.match(
        e.message,
        /no sha256 checksum for c\.iso in the checksum list \(it lists a\.iso, b\.iso\)/,
      );
      return true;
    },
  );
});

test('findChecksum resolves a * pattern to the highest version', () => {
  const lines = parseChecksumList(
    [
      `${A}  ubuntu-24.04.2-live-server-amd64.iso`,
      `${B}  ubuntu-24.04.10-live-server-amd64.iso`,
      `${A}  ubuntu-24.04.3-desktop-amd64.iso`,
    ].join('\n'),
  );
  assert.deepEqual(findChecksum(lines, 'ubuntu-24.04*-live-server-amd64.iso', 'sha256'), {
    file: 'ubuntu-24.04.10-live-server-amd64.iso',
    algorithm: 'sha256',
    hash: B,
  });
});

test('findChecksum: a lone bare hash applies to the file; two different hashes for one name are refused', () => {
  assert.equal(findChecksum(parseChecksumList(A), 'x.iso', 'sha256').hash, A);
  assert.throws(
    () => findChecksum(parseChecksumList(`${A}  x.iso\n${B}  x.iso\n`), 'x.iso', 'sha256'),
    (e: Error & { code?: string }) => e.code === 'CHECKSUM_MISMATCH',
  );
  assert.equal(findChecksum(parseChecksumList(`${A}  x.iso\n${A}  x.iso\n`), 'x.iso', 'sha256').hash, A);
});

test('findChecksum: a one-line sidecar applies to its file whatever name it records', () => {
  const lines = parseChecksumList(`${A}  nixos-minimal-25.05.1234-x86_64-linux.iso\n`);
  assert.throws(() => findChecksum(lines, 'latest-nixos-minimal-x86_64-linux.iso', 'sha256'));
  assert.equal(
    findChecksum(lines, 'latest-nixos-minimal-x86_64-linux.iso', 'sha256', 'x', { sidecar: true }).hash,
    A,
  );
  const two = parseChecksumList(`${A}  a.iso\n${B}  b.iso\n`);
  assert.throws(() => findChecksum(two, 'c.iso', 'sha256', 'x', { sidecar: true }));
});
