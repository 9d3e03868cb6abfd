// The volumes of a clone, made by libvirt in hv's pool: a qcow2 overlay backed by the source disk
// (linked), a copy converted by libvirt itself (createVolumeXmlFrom: qemu-img convert on the host, so
// the backing chain is flattened and it works on remote hosts), with the copy's progress polled from
// the new volume's allocation, and a local file (seed ISO) uploaded through a libvirt stream.
import type { LibvirtClient, StorageVolRef } from '../../../libvirt/index.js';
import { fromLibvirtError } from '../../libvirt-errors.js';
import { escapeXmlAttr, escapeXmlText } from '../../profile/domain-xml/xml-builder.js';
import type { PoolRef } from '../create/vm-pool.js';

/** Progress of one copy: bytes written so far of about `total`. */
export type CopyProgress = (done: number, total: number) => void;

/** `<volume>` XML: `format` file of `capacity` bytes, optionally backed by `backing` (format `backingFormat`). */
function volumeXml(
  name: string,
  capacity: bigint,
  format: string,
  backing?: { path: string; format: string },
): string {
  const b =
    backing === undefined
      ? ''
      : `<backingStore><path>${escapeXmlText(backing.path)}</path>` +
        `<format type='${escapeXmlAttr(backing.format)}'/></backingStore>`;
  return (
    `<volume><name>${escapeXmlText(name)}</name><capacity unit='bytes'>${capacity}</capacity>` +
    `<target><format type='${escapeXmlAttr(format)}'/><permissions><mode>0600</mode></permissions>` +
    `</target>${b}</volume>`
  );
}

/** A qcow2 overlay `name` whose backing file is `source` (format `format`). */
export async function createLinkedVolume(
  client: LibvirtClient,
  pool: PoolRef,
  name: string,
  source: { path: string; format: string; capacity: bigint },
): Promise<void> {
  await client.storage
    .createVolumeXml(pool, volumeXml(name, source.capacity, 'qcow2', source))
    .catch((err: unknown) => {
      throw fromLibvirtError(err, `creating overlay ${name} of ${source.path}`);
    });
}

/**
 * Copy volume `source` into a new volume `name` of format `format` (no call timeout: big disks take
 * long). `onProgress` is called about every `everyMs` with the new volume's allocation.
 */
export async function copyVolume(
  client: LibvirtClient,
  pool: PoolRef,
  name: string,
  source: { vol: StorageVolRef; capacity: bigint; allocation: bigint; format: string },
  options: { onProgress?: CopyProgress; everyMs?: number; signal?: AbortSignal } = {},
): Promise<void> {
  const s = client.storage;
  const total = Number(source.allocation > 0n ? source.allocation : source.capacity);
  let timer: NodeJS.Timeout | undefined;
  const poll = async (): Promise<void> => {
    const vol = await s.lookupVolumeByName(pool, name).catch(() => undefined);
    const info = vol && (await s.getVolumeInfo(vol).catch(() => undefined));
    if (info !== undefined) options.onProgress?.(Math.min(Number(info.allocation), total), total);
  };
  if (options.onProgress !== undefined) {
    timer = setInterval(() => void poll(), options.everyMs ?? 500);
  }
  try {
    await s.createVolumeXmlFrom(pool, volumeXml(name, source.capacity, source.format), source.vol, 0, {
      timeoutMs: 0,
      ...(options.signal !== undefined && { signal: options.signal }),
    });
    options.onProgress?.(total, total);
  } catch (err) {
    throw fromLibvirtError(err, `copying a disk into ${name}`);
  } finally {
    if (timer !== undefined) clearInterval(timer);
  }
}
