// Why: a backup that starts without room for its files fails half-way and leaves the guest's disks
// with a dangling checkpoint; checking statfs first turns that into one clear STORAGE_FULL error.
import { statfs } from 'node:fs/promises';
import { formatSize } from '../validate/format-size.js';
import { StorageError } from '../errors/index.js';

/** Bytes an unprivileged writer may still use in the file system holding `dir`. */
export async function freeBytes(dir: string): Promise<number> {
  const s = await statfs(dir);
  return s.bavail * s.bsize;
}

/**
 * Throw STORAGE_FULL unless `dir` has at least `needed` bytes free.
 * @param what what needs the space, for the message (e.g. `full backup of web-1`).
 */
export async function ensureFreeSpace(dir: string, needed: number, what: string): Promise<void> {
  const free = await freeBytes(dir);
  if (free < needed) {
    throw new StorageError(
      `not enough free space in ${dir} for the ${what}: needs about ${formatSize(needed)}, ` +
        `${formatSize(free)} free (--no-space-check skips this check)`,
      { code: 'STORAGE_FULL', details: { dir, neededBytes: needed, freeBytes: free } },
    );
  }
}

/**
 * True when an error text says a write ran out of space (ENOSPC / EDQUOT as QEMU and qemu-img print
 * them). Their errno text is the only record of why an external writer failed, and the space may be
 * free again by the time anyone looks (libvirt deletes a failed job's targets).
 */
export function saysOutOfSpace(text: string): boolean {
  return /no space left on device|disk quota exceeded/i.test(text);
}
