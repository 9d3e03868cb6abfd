// Why: hv keeps its files in libvirt "dir" pools (VM disks, the image library) so libvirt sees every
// file as a volume. Both pools are found or made the same way on first use; this is that one way,
// with errors that name the configuration keys a user would change.
import { LibvirtError, type LibvirtClient } from '../../libvirt/index.js';
import { ConfigError } from '../errors/index.js';
import { fromLibvirtError } from '../libvirt-errors.js';

/** A storage pool reference as the libvirt client returns it. */
export type PoolRef = Awaited<ReturnType<LibvirtClient['storage']['lookupPoolByName']>>;

/** Which pool, over which directory, and the configuration keys that set them (for messages). */
export interface DirPoolSpec {
  readonly name: string;
  readonly path: string;
  /** Octal mode of the directory, e.g. `0711`. */
  readonly mode: string;
  /** What the pool is for, e.g. `VM storage pool`. */
  readonly role: string;
  /** Configuration key of the pool name, e.g. `storage.pool`. */
  readonly nameKey: string;
  /** Configuration key of the directory, e.g. `storage.pool_path`. */
  readonly pathKey: string;
}

function esc(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Look up the pool, or define, build, autostart and start it. Refuses (ConfigError) when the
 * directory already belongs to another pool, or the named pool is over another directory.
 */
export async function ensureDirPool(client: LibvirtClient, spec: DirPoolSpec): Promise<PoolRef> {
  const s = client.storage;
  const { name, path } = spec;
  try {
    let pool = await s.lookupPoolByName(name).catch((err: unknown) => {
      if (err instanceof LibvirtError && err.isNoStoragePool()) return undefined;
      throw err;
    });
    if (pool === undefined) {
      const other = await s.lookupPoolByTargetPath(path).catch(() => undefined);
      if (other !== undefined) {
        throw new ConfigError(
          `${spec.pathKey} ${path} is already the directory of libvirt pool ${other.name}; set ${spec.nameKey}: ${other.name}`,
        );
      }
      pool = await s.definePoolXml(
        `<pool type='dir'><name>${esc(name)}</name><target><path>${esc(path)}</path>` +
          `<permissions><mode>${esc(spec.mode)}</mode></permissions></target></pool>`,
      );
      await s.buildPool(pool);
      await s.setPoolAutostart(pool, true);
    } else {
      const xml = await s.getPoolXmlDesc(pool);
      const target = /<target>\s*<path>([^<]*)<\/path>/.exec(xml)?.[1];
      if (target !== undefined && target.replace(/\/+$/, '') !== path.replace(/\/+$/, '')) {
        throw new ConfigError(
          `libvirt pool ${name} is over ${target}, not ${spec.pathKey} ${path}; fix ${spec.pathKey} or ${spec.nameKey}`,
        );
      }
    }
    if (!(await s.isPoolActive(pool))) {
      // The directory may have been removed while the pool was down: build recreates it (a no-op
      // otherwise); if that fails, starting the pool reports the real problem.
      await s.buildPool(pool).catch(() => undefined);
      await s.createPool(pool);
    }
    return pool;
  } catch (err) {
    throw fromLibvirtError(err, `${spec.role} ${name}`);
  }
}
