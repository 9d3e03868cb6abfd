// The volume XML of a VM's disks in hv's pool: a blank qcow2, a linked qcow2 overlay whose
// <backingStore> is the image (format detected by qemu-img info), or a full copy of an image that is
// itself a libvirt volume (createVolumeXmlFrom).
import type { LibvirtClient } from '../../../libvirt/index.js';
import { StorageError, ValidationError } from '../../errors/index.js';
import { runCommand } from '../../exec/run-command.js';
import { fromLibvirtError } from '../../libvirt-errors.js';
import type { PoolRef } from './vm-pool.js';

function esc(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** What qemu-img says about an image. */
export interface ImageInfo {
  readonly format: string;
  readonly virtualSize: number;
}

/** `qemu-img info` of `path` (force-share: the image may be in use by running VMs). */
export async function imageInfo(path: string, signal?: AbortSignal): Promise<ImageInfo> {
  const r = await runCommand('qemu-img', ['info', '-U', '--output=json', path], {
    ...(signal !== undefined && { signal }),
    missingHint: 'Debian package qemu-utils',
  });
  const j = JSON.parse(r.stdout) as { format?: unknown; 'virtual-size'?: unknown };
  if (typeof j.format !== 'string' || typeof j['virtual-size'] !== 'number') {
    throw new StorageError(`qemu-img info ${path}: no format or virtual size`);
  }
  return { format: j.format, virtualSize: j['virtual-size'] };
}

/** How to make one disk volume. */
export type DiskPlan =
  | { readonly kind: 'blank'; readonly sizeBytes: number }
  | { readonly kind: 'linked'; readonly image: string; readonly info: ImageInfo; readonly sizeBytes: number }
  | { readonly kind: 'copy'; readonly image: string; readonly info: ImageInfo; readonly sizeBytes: number };

/** Volume XML for a plan (a qcow2 volume named `name`). Pure. */
function diskVolumeXml(name: string, plan: DiskPlan): string {
  const backing =
    plan.kind === 'linked'
      ? `<backingStore><path>${esc(plan.image)}</path><format type='${esc(plan.info.format)}'/></backingStore>`
      : '';
  return (
    `<volume><name>${esc(name)}</name><capacity unit='bytes'>${plan.sizeBytes}</capacity>` +
    `<target><format type='qcow2'/><permissions><mode>0600</mode></permissions></target>${backing}</volume>`
  );
}

/** Size of a disk made from an image: the requested size, never smaller than the image. */
export function imageDiskSize(field: string, info: ImageInfo, requested: number | undefined): number {
  if (requested === undefined) return info.virtualSize;
  if (requested < info.virtualSize) {
    throw new ValidationError(
      field,
      `must be at least the image's virtual size (${info.virtualSize} bytes)`,
      {
        value: requested,
      },
    );
  }
  return requested;
}

/** Create the volume; resolves when it exists. */
export async function createDiskVolume(
  client: LibvirtClient,
  pool: PoolRef,
  name: string,
  plan: DiskPlan,
): Promise<void> {
  const s = client.storage;
  try {
    if (plan.kind === 'copy') {
      const src = await s.lookupVolumeByPath(plan.image).catch(() => undefined);
      if (src === undefined) {
        throw new StorageError(
          `${plan.image} is not a libvirt volume: import it (hv image import) or use a linked disk`,
          { code: 'STORAGE_NOT_FOUND' },
        );
      }
      await s.createVolumeXmlFrom(pool, diskVolumeXml(name, plan), src);
    } else {
      await s.createVolumeXml(pool, diskVolumeXml(name, plan));
    }
  } catch (err) {
    throw fromLibvirtError(err, `creating volume ${name}`);
  }
}

/** Delete a volume of the pool if it exists (refreshing first, so files placed beside libvirt count). */
export async function deleteVolumeIfPresent(
  client: LibvirtClient,
  pool: PoolRef,
  name: string,
): Promise<boolean> {
  const s = client.storage;
  await s.refreshPool(pool).catch(() => undefined);
  const vol = await s.lookupVolumeByName(pool, name).catch(() => undefined);
  if (vol === undefined) return false;
  await s.deleteVolume(vol);
  return true;
}
