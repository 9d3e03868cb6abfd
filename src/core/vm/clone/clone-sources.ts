// What a clone is made from, read from the source's persistent XML before anything is created: the
// disks to copy or overlay (writable ones, and on a template the ones sealing made read-only), each a
// libvirt volume with its format and size; hv's seed ISO; and the NVRAM file.
import { basename } from 'node:path';
import type { LibvirtClient, StorageVolRef } from '../../../libvirt/index.js';
import { StorageError } from '../../errors/index.js';
import {
  attrOf,
  childElement,
  parseOrderedXml,
  rootElement,
  type XmlNode,
} from '../../domain-xml/ordered-xml.js';
import {
  diskNodes,
  diskTarget,
  isWritableDisk,
  type TemplateMarker,
} from '../../template/template-marker.js';
import { isInside } from '../manage/disk-ownership.js';
import { nvramPath } from '../manage/domain-disks.js';

/** One disk the clone gets its own volume for. @public */
export interface SourceDisk {
  readonly target: string;
  readonly path: string;
  readonly format: string;
  readonly vol: StorageVolRef;
  readonly capacity: bigint;
  readonly allocation: bigint;
}

/** Everything a clone copies. */
export interface CloneSources {
  readonly disks: readonly SourceDisk[];
  /** hv's seed ISO of the source (`*-cidata.iso` in hv's pool), if it has one. */
  readonly seed?: string;
  readonly nvram?: string;
}

async function diskPath(client: LibvirtClient, disk: XmlNode, vm: string): Promise<string> {
  const source = childElement(disk, 'source') ?? {};
  const type = attrOf(disk, 'type') ?? 'file';
  const target = diskTarget(disk);
  if (type === 'file') {
    const file = attrOf(source, 'file');
    if (file !== undefined) return file;
  } else if (type === 'volume') {
    const s = client.storage;
    const pool = await s.lookupPoolByName(attrOf(source, 'pool') ?? '').catch(() => undefined);
    const vol =
      pool && (await s.lookupVolumeByName(pool, attrOf(source, 'volume') ?? '').catch(() => undefined));
    const path = vol && (await s.getVolumePath(vol).catch(() => undefined));
    if (path !== undefined) return path;
  }
  throw new StorageError(`disk ${target} of VM ${vm} (type ${type}) has no file hv can clone`);
}

/** The sources of cloning `vm` (its persistent `xml`; `template`: its marker, if it is one). */
export async function cloneSources(
  client: LibvirtClient,
  vm: string,
  xml: string,
  template: TemplateMarker | undefined,
  poolPath: string,
): Promise<CloneSources> {
  const root = rootElement(parseOrderedXml(xml, 'domain XML'), 'domain XML');
  const disks: SourceDisk[] = [];
  let seed: string | undefined;
  for (const disk of diskNodes(root)) {
    const target = diskTarget(disk);
    if (isWritableDisk(disk) || template?.disks.includes(target) === true) {
      const path = await diskPath(client, disk, vm);
      const vol = await client.storage.lookupVolumeByPath(path).catch(() => undefined);
      if (vol === undefined) {
        throw new StorageError(
          `disk ${target} of VM ${vm} (${path}) is not a libvirt volume: clone copies volumes only`,
          { code: 'STORAGE_NOT_FOUND' },
        );
      }
      const info = await client.storage.getVolumeInfo(vol);
      const format = attrOf(childElement(disk, 'driver') ?? {}, 'type') ?? 'raw';
      disks.push({ target, path, format, vol, capacity: info.capacity, allocation: info.allocation });
    } else if (attrOf(disk, 'device') === 'cdrom') {
      const file = attrOf(childElement(disk, 'source') ?? {}, 'file');
      if (file !== undefined && isInside(poolPath, file) && basename(file).endsWith('-cidata.iso'))
        seed = file;
    }
  }
  const nvram = nvramPath(xml);
  return { disks, ...(seed !== undefined && { seed }), ...(nvram !== undefined && { nvram }) };
}
