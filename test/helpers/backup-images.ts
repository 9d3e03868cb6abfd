// Host-side looks at disk images for backup tests: the SHA-256 of what a guest would read from an
// image (not of the qcow2 file), and a one-byte corruption of a file.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** SHA-256 of the guest-visible content of a qcow2 image. */
export function imageContentSha256(path: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hvtest-raw-'));
  try {
    const raw = join(dir, 'disk.raw');
    const r = spawnSync('qemu-img', ['convert', '-U', '-O', 'raw', path, raw], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`qemu-img convert ${path}: ${r.stderr}`);
    return createHash('sha256').update(readFileSync(raw)).digest('hex');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Invert one byte of a file (default: the middle); returns the offset, so the test can flip it back. */
export function flipByte(path: string, offset = Math.floor(statSync(path).size / 2)): number {
  const fd = openSync(path, 'r+');
  try {
    const b = Buffer.alloc(1);
    readSync(fd, b, 0, 1, offset);
    b[0] = (b[0] ?? 0) ^ 0xff;
    writeSync(fd, b, 0, 1, offset);
  } finally {
    closeSync(fd);
  }
  return offset;
}
