// Which storage of a VM is its own (deleted with it) and which is shared or precious (never deleted):
// CD-ROMs and ISOs, read-only and shareable disks, images of the library, anything in the backup
// target, block and network devices, and files another VM or volume still uses. Pure.
import { basename } from 'node:path';
import type { DomainDisk } from './domain-disks.js';

/** Where hv keeps what, and who else uses which path. */
export interface OwnershipContext {
  /** hv's storage pool directory (storage.pool_path). */
  readonly poolPath: string;
  /** The image library (images.dir). */
  readonly imagesDir: string;
  /** The backup target (backup.dir). */
  readonly backupDir: string;
  /** Path -> who else uses it, e.g. `VM web-2` or `backing file of web-2-disk0.qcow2`. */
  readonly usedElsewhere: ReadonlyMap<string, string>;
}

/** A disk delete removes, or keeps with the reason. */
export type DiskVerdict =
  | { readonly own: true; readonly target: string; readonly path: string }
  | { readonly own: false; readonly target: string; readonly path: string; readonly reason: string };

/** `path` is `dir` or inside it. */
export function isInside(dir: string, path: string): boolean {
  const d = dir.endsWith('/') ? dir.slice(0, -1) : dir;
  return path === d || path.startsWith(`${d}/`);
}

function keepReason(d: DomainDisk, path: string, ctx: OwnershipContext): string | undefined {
  if (d.type === 'block') return 'block device';
  if (d.type === 'network') return 'network disk';
  if (d.device === 'cdrom' || d.device === 'floppy') {
    const seed = isInside(ctx.poolPath, path) && /-cidata\.iso$/.test(basename(path));
    if (!seed) return `${d.device} media (shared)`;
  } else if (d.readonly) return 'read-only';
  if (d.shareable) return 'shareable';
  if (isInside(ctx.imagesDir, path)) return 'in the image library';
  if (isInside(ctx.backupDir, path)) return 'in the backup target';
  const other = ctx.usedElsewhere.get(path);
  if (other !== undefined) return `used by ${other}`;
  return undefined;
}

/** Decide for one disk whose source path is known (`path`: a file, a volume's path, or the device). */
export function classifyDisk(d: DomainDisk, path: string | undefined, ctx: OwnershipContext): DiskVerdict {
  const where = path ?? d.path ?? `${d.pool ?? '?'}/${d.volume ?? '?'}`;
  if (path === undefined) return { own: false, target: d.target, path: where, reason: 'no file source' };
  const reason = keepReason(d, path, ctx);
  return reason === undefined
    ? { own: true, target: d.target, path }
    : { own: false, target: d.target, path, reason };
}
