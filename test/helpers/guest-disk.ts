// qcow2 helpers for test guests (qemu-img): overlays so a cached image is never written, blank
// data disks, and ways to look inside a disk after the guest wrote to it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function qemuImg(args: readonly string[]): string {
  const r = spawnSync('qemu-img', args, { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) throw new Error(`qemu-img ${args.join(' ')}: ${(r.stderr || String(r.error)).trim()}`);
  return r.stdout;
}

/** Creates `path` as a qcow2 overlay whose backing file is `backing` (only the overlay is written). */
export function createOverlay(backing: string, path: string): void {
  qemuImg(['create', '-q', '-f', 'qcow2', '-F', 'qcow2', '-b', backing, path]);
}

/** Creates an empty qcow2 of `sizeMiB` MiB. */
export function createBlankDisk(path: string, sizeMiB: number): void {
  qemuImg(['create', '-q', '-f', 'qcow2', path, `${sizeMiB}M`]);
}

/** Bytes the image file occupies on the host (`actual-size`); `-U` so it works on a running domain. */
export function diskAllocation(path: string): number {
  const info = JSON.parse(qemuImg(['info', '-U', '--output=json', path])) as { 'actual-size': number };
  return info['actual-size'];
}

/** The first `bytes` bytes of the guest-visible disk content (not of the qcow2 file). */
export function readDiskHead(path: string, bytes = 512): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'hvtest-head-'));
  try {
    const out = join(dir, 'head.raw');
    qemuImg(['dd', '-U', '-f', 'qcow2', '-O', 'raw', `bs=${bytes}`, 'count=1', `if=${path}`, `of=${out}`]);
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
