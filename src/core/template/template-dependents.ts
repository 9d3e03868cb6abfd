// A template's disks are the backing files of its linked clones, so it may not go while one exists.
// Linked clones are found by their backing chain, not by hv's metadata (a clone made by hand, or
// renamed, still counts): every volume of every active pool whose backing file is one of the
// template's disks, with the VM that uses it when one does.
import type { LibvirtClient } from '../../libvirt/index.js';
import { referencedPaths } from '../vm/manage/domain-disks.js';
import { backingFilesOfPool } from '../vm/manage/storage-usage.js';

/** One volume backed by a template disk. */
export interface TemplateDependent {
  /** The overlay volume's path. */
  readonly volume: string;
  /** Its backing file (a disk of the template). */
  readonly backing: string;
  /** The VM using the overlay, if any. */
  readonly vm?: string;
}

/** Every volume (over all active pools) whose backing file is in `disks`, with its VM. */
export async function templateDependents(
  client: LibvirtClient,
  disks: readonly string[],
): Promise<TemplateDependent[]> {
  const wanted = new Set(disks);
  const found: { volume: string; backing: string }[] = [];
  for (const pool of await client.storage.listAllPools(2)) {
    for (const [volume, backing] of await backingFilesOfPool(client, pool.name)) {
      if (wanted.has(backing)) found.push({ volume, backing });
    }
  }
  if (found.length === 0) return [];
  const users = new Map<string, string>();
  for (const d of await client.domains.listAll()) {
    const xml = await client.domains.getXmlDesc(d, 2).catch(() => '');
    for (const p of referencedPaths(xml)) if (!users.has(p)) users.set(p, d.name);
  }
  return found.map((f) => {
    const vm = users.get(f.volume);
    return vm === undefined ? f : { ...f, vm };
  });
}
