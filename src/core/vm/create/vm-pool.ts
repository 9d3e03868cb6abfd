// hv's storage pool for VM disks, seed ISOs and NVRAM (configuration storage.pool over
// storage.pool_path, a libvirt "dir" pool): looked up, or defined, built, autostarted and started on
// first use, so every disk hv creates is a libvirt volume that `virsh vol-list` shows.
import { LibvirtError, type LibvirtClient } from '../../../libvirt/index.js';
import { ConfigError } from '../../errors/index.js';
import { fromLibvirtError } from '../../libvirt-errors.js';

/** A storage pool reference as the libvirt client returns it. */
export type PoolRef = Awaited<ReturnType<LibvirtClient['storage']['lookupPoolByName']>>;

function esc(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Look up pool `name` (over `path`), creating and starting it when needed. */
export async function ensureVmPool(client: LibvirtClient, name: string, path: string): Promise<PoolRef> {
  const s = client.storage;
  try {
    let pool = await s.lookupPoolByName(name).catch((err: unknown) => {
      if (err instanceof LibvirtError && err.isNoStoragePool()) return undefined;
      throw err;
    });
    if (pool === undefined) {
      const other = await s.lookupPoolByTargetPath(path).catch(() => undefined);
      if (other !== undefined) {
        throw new ConfigError(
          `storage.pool_path ${path} is already the directory of libvirt pool ${other.name}; set storage.pool: ${other.name}`,
        );
      }
      pool = await s.definePoolXml(
        `<pool type='dir'><name>${esc(name)}</name><target><path>${esc(path)}</path>` +
          `<permissions><mode>0711</mode></permissions></target></pool>`,
      );
      await s.buildPool(pool);
      await s.setPoolAutostart(pool, true);
    }
    if (!(await s.isPoolActive(pool))) {
      await s.buildPool(pool).catch(() => undefined);
      await s.createPool(pool);
    }
    return pool;
  } catch (err) {
    throw fromLibvirtError(err, `VM storage pool ${name}`);
  }
}

/** Names of every volume in the pool (after a refresh, so files placed beside libvirt count). */
export async function listPoolVolumes(client: LibvirtClient, pool: PoolRef): Promise<string[]> {
  await client.storage.refreshPool(pool);
  const vols = await client.storage.listAllVolumes(pool);
  return vols.map((v) => v.name);
}
