// hv's storage pool for VM disks, seed ISOs and NVRAM (configuration storage.pool over
// storage.pool_path, a libvirt "dir" pool): looked up, or defined, built, autostarted and started on
// first use, so every disk hv creates is a libvirt volume that `virsh vol-list` shows.
import type { LibvirtClient } from '../../../libvirt/index.js';
import { ensureDirPool, type PoolRef } from '../../storage/ensure-dir-pool.js';

export type { PoolRef };

/** Look up pool `name` (over `path`), creating and starting it when needed. */
export async function ensureVmPool(client: LibvirtClient, name: string, path: string): Promise<PoolRef> {
  return ensureDirPool(client, {
    name,
    path,
    mode: '0711',
    role: 'VM storage pool',
    nameKey: 'storage.pool',
    pathKey: 'storage.pool_path',
  });
}

/** Names of every volume in the pool (after a refresh, so files placed beside libvirt count). */
export async function listPoolVolumes(client: LibvirtClient, pool: PoolRef): Promise<string[]> {
  await client.storage.refreshPool(pool);
  const vols = await client.storage.listAllVolumes(pool);
  return vols.map((v) => v.name);
}
