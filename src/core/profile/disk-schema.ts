// The `disks` entries of an hv profile: size, bus, cache, discard, an image to start from (linked
// overlay or full copy) and an optional guest device name. Targets left out are assigned in order per
// bus family (vda, vdb... / sda... / hda...), skipping names other disks claim.
import { z } from 'zod';
import { DISK_BUSES, DISK_CACHES, type DiskBus, type DiskSpec } from './vm-profile.js';
import { pathField, sizeField, via } from './profile-fields.js';
import { ValidationError } from '../errors/index.js';

/** Smallest and largest disk hv creates. */
const DISK_MIN_BYTES = 1n << 20n;
const DISK_MAX_BYTES = 1n << 50n;

/** Guest device name prefix of each bus. */
export const TARGET_PREFIX: Readonly<Record<DiskBus, string>> = {
  virtio: 'vd',
  sata: 'sd',
  scsi: 'sd',
  ide: 'hd',
};

const TARGET_RE = /^(vd|sd|hd)[a-z]{1,2}$/;

/** One disk as the file gives it (target optional until assigned). */
export type DiskInput = Omit<DiskSpec, 'target'> & { readonly target?: string };

/** Schema of one `disks` entry. */
export const diskSchema = z
  .strictObject({
    size: sizeField(
      'Disk size with a binary unit (20G, 512M). Required unless `from` is set; with `from`, the disk ' +
        'is grown to this size.',
      DISK_MIN_BYTES,
      DISK_MAX_BYTES,
    ).optional(),
    bus: z
      .enum(DISK_BUSES)
      .default('virtio')
      .describe('Bus the guest sees: virtio (fastest), sata, scsi, ide.'),
    cache: z.enum(DISK_CACHES).optional().describe("Host page cache mode; unset: libvirt's default."),
    discard: z.boolean().default(true).describe('Pass guest TRIM/discard down to the image (discard=unmap).'),
    from: pathField(
      'Start from this image: a library image or storage volume name (no "/"), or a path to a qcow2/raw file.',
    ).optional(),
    linked: z
      .boolean()
      .default(true)
      .describe('With `from`: a thin qcow2 overlay backed by the image (true) or a full copy (false).'),
    target: via(
      z.string().meta({ description: 'Guest device name (vda, sdb, hdc); unset: assigned in order.' }),
      (t) => {
        if (!TARGET_RE.test(t)) {
          throw new ValidationError('target', 'must be a device name like vda, sdb or hdc');
        }
        return t;
      },
    ).optional(),
  })
  .transform((d): DiskInput => {
    return {
      bus: d.bus,
      discard: d.discard,
      linked: d.from === undefined ? true : d.linked,
      ...(d.size === undefined ? {} : { sizeBytes: d.size }),
      ...(d.cache === undefined ? {} : { cache: d.cache }),
      ...(d.from === undefined ? {} : { from: d.from }),
      ...(d.target === undefined ? {} : { target: d.target }),
    };
  });

/** `a`, `b`, ... `z`, `aa`, `ab`... as libvirt names the n-th device (0-based). */
function targetSuffix(index: number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return index < 26
    ? (letters[index] ?? 'a')
    : `${letters[Math.floor(index / 26) - 1] ?? 'a'}${letters[index % 26] ?? 'a'}`;
}

/**
 * The first free device name for `bus` given names already used (used is updated). Also used for
 * the CD-ROMs (sata/scsi), so they never collide with disks.
 */
export function nextTarget(bus: DiskBus, used: Set<string>): string {
  const prefix = TARGET_PREFIX[bus];
  for (let i = 0; ; i++) {
    const name = `${prefix}${targetSuffix(i)}`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

/** Give every disk a target: explicit ones first claim theirs, then the rest in order. */
export function assignTargets(disks: readonly DiskInput[]): DiskSpec[] {
  const used = new Set(disks.flatMap((d) => (d.target === undefined ? [] : [d.target])));
  return disks.map((d) => ({ ...d, target: d.target ?? nextTarget(d.bus, used) }));
}
