// Which VMs use an image, so `hv image rm` can refuse and name them: every domain libvirt knows
// (running or not; for a running one both its live and its next-boot XML) is read, and each disk is
// matched against the image by path (resolved through symbolic links), by pool volume, and through
// its backing chain (libvirt's <backingStore>, then qemu-img or the volume XML). One bulk pass; rm
// is rare enough that this costs nothing that matters.
import { realpath } from 'node:fs/promises';
import { LibvirtError, type LibvirtClient } from '../../../libvirt/index.js';
import { fromLibvirtError } from '../../libvirt-errors.js';
import { localBackingChain, volumeBackingChain } from './backing-chain.js';
import { domainDiskSources, type DiskSource } from './domain-disk-sources.js';

/** VIR_DOMAIN_XML_INACTIVE: the persistent (next boot) definition of a running domain. */
const XML_INACTIVE = 2;

/** The image looked for. */
export interface ImageLocation {
  readonly path: string;
  readonly pool: string;
  readonly volume: string;
}

/** One VM disk that uses the image. */
export interface ImageUser {
  readonly vm: string;
  /** Target device (vda, sda...). */
  readonly target: string | undefined;
  readonly device: string;
  /** `source`: the disk is the image; `backing`: the image is under the disk; `volume`: by pool volume. */
  readonly how: 'source' | 'backing' | 'volume';
}

async function real(p: string): Promise<string> {
  return realpath(p).catch(() => p);
}

async function usesImage(
  disk: DiskSource,
  wanted: ReadonlySet<string>,
  image: ImageLocation,
  chain: (path: string) => Promise<string[]>,
): Promise<ImageUser['how'] | undefined> {
  if (disk.volume?.pool === image.pool && disk.volume.name === image.volume) return 'volume';
  if (disk.path === undefined) return undefined;
  if (wanted.has(disk.path) || wanted.has(await real(disk.path))) return 'source';
  for (const b of disk.backing) if (wanted.has(b) || wanted.has(await real(b))) return 'backing';
  if (disk.device !== 'disk' && disk.device !== 'lun') return undefined;
  for (const b of await chain(disk.path)) if (wanted.has(b) || wanted.has(await real(b))) return 'backing';
  return undefined;
}

/**
 * Every VM disk that uses the image. `local` says whether disk paths can be read on this machine
 * (qemu-img) or must be asked of libvirt (remote connection).
 */
export async function findImageUsers(
  client: LibvirtClient,
  image: ImageLocation,
  options: { local: boolean; signal?: AbortSignal },
): Promise<ImageUser[]> {
  const wanted = new Set([image.path, await real(image.path)]);
  const cache = new Map<string, Promise<string[]>>();
  const chain = (path: string): Promise<string[]> => {
    let c = cache.get(path);
    if (c === undefined) {
      c = options.local ? localBackingChain(path, options.signal) : volumeBackingChain(client, path);
      cache.set(path, c);
    }
    return c;
  };
  const users: ImageUser[] = [];
  try {
    for (const dom of await client.domains.listAll(0)) {
      const live = await client.domains.getXmlDesc(dom, 0).catch((err: unknown) => {
        // Undefined since the listing: it uses nothing any more.
        if (err instanceof LibvirtError && err.isNoDomain()) return undefined;
        throw err;
      });
      if (live === undefined) continue;
      const xmls = [live];
      if (dom.id >= 0) xmls.push(await client.domains.getXmlDesc(dom, XML_INACTIVE).catch(() => ''));
      const seen = new Set<string>();
      for (const xml of xmls) {
        for (const disk of domainDiskSources(xml)) {
          const how = await usesImage(disk, wanted, image, chain);
          const key = `${disk.target ?? '?'}:${how ?? ''}`;
          if (how !== undefined && !seen.has(key)) {
            seen.add(key);
            users.push({ vm: dom.name, target: disk.target, device: disk.device, how });
          }
        }
      }
    }
  } catch (err) {
    throw fromLibvirtError(err, 'listing the VMs that might use the image');
  }
  return users;
}
