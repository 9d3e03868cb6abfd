// Who else uses a path, so delete never removes storage shared with another VM: every path other
// domains' XML mentions (their live XML shows whole backing chains), and which volume of hv's pool is
// backed by which file (linked overlays of images or of other VMs' disks).
import type { DomainRef, LibvirtClient } from '../../../libvirt/index.js';
import { referencedPaths } from './domain-disks.js';

/** Path -> who uses it, over every domain but `self`. */
export async function pathsUsedByOtherVms(
  client: LibvirtClient,
  self: DomainRef,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const selfUuid = self.uuid.toString('hex');
  for (const d of await client.domains.listAll()) {
    if (d.uuid.toString('hex') === selfUuid) continue;
    const xml = await client.domains.getXmlDesc(d).catch(() => '');
    for (const p of referencedPaths(xml)) if (!out.has(p)) out.set(p, `VM ${d.name}`);
  }
  return out;
}

/** Volume path -> the path of its backing file, over the volumes of storage pool `poolName`. */
export async function backingFilesOfPool(
  client: LibvirtClient,
  poolName: string,
): Promise<Map<string, string>> {
  const s = client.storage;
  const out = new Map<string, string>();
  const pool = await s.lookupPoolByName(poolName).catch(() => undefined);
  if (pool === undefined) return out;
  await s.refreshPool(pool).catch(() => undefined);
  for (const vol of await s.listAllVolumes(pool)) {
    const xml = await s.getVolumeXmlDesc(vol).catch(() => '');
    const backing = /<backingStore>\s*<path>([^<]+)<\/path>/.exec(xml)?.[1];
    const path = /<target>\s*<path>([^<]+)<\/path>/.exec(xml)?.[1];
    if (backing !== undefined && path !== undefined) out.set(path, backing);
  }
  return out;
}
