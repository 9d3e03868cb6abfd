// Why: a disk's virtual size and what it really takes on the host come from libvirt's block stats for
// the one domain (one call for every disk, also for a shut-off VM on QEMU); drivers without block stats
// fall back to the storage volume of the path, when a pool holds it.
import { DomainStatsTypes, type DomainRef, type LibvirtClient } from '../../../libvirt/index.js';
import type { DomainDisk } from '../manage/domain-disks.js';

/** Size facts of one disk, by target. */
export interface DiskSize {
  readonly path: string | undefined;
  readonly capacity: number | null;
  readonly allocation: number | null;
}

const num = (v: unknown): number | null =>
  typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : null;

/** Capacity and allocation of the domain's disks, by target (`vda`...). Never throws. */
export async function diskSizes(
  client: LibvirtClient,
  dom: DomainRef,
  disks: readonly DomainDisk[],
  signal?: AbortSignal,
): Promise<Map<string, DiskSize>> {
  const out = new Map<string, DiskSize>();
  const opts = signal === undefined ? {} : { signal };
  const records = await client.domains
    .getAllDomainStats([dom], DomainStatsTypes.BLOCK, 0, opts)
    .catch(() => []);
  const s = records[0]?.stats ?? {};
  const count = num(s['block.count']) ?? 0;
  for (let i = 0; i < count; i++) {
    const name = s[`block.${i}.name`];
    if (typeof name !== 'string') continue;
    const path = s[`block.${i}.path`];
    out.set(name, {
      path: typeof path === 'string' ? path : undefined,
      capacity: num(s[`block.${i}.capacity`]),
      // physical: bytes on the host; allocation of a running disk is its highest written offset.
      allocation: num(s[`block.${i}.physical`]) ?? num(s[`block.${i}.allocation`]),
    });
  }
  await Promise.all(
    disks
      .filter((d) => out.get(d.target)?.capacity == null)
      .map(async ({ target, path }) => {
        if (path === undefined) return;
        try {
          const vol = await client.storage.lookupVolumeByPath(path, opts);
          const info = await client.storage.getVolumeInfo(vol, opts);
          out.set(target, { path, capacity: num(info.capacity), allocation: num(info.allocation) });
        } catch {
          // Not in any pool: size unknown.
        }
      }),
  );
  return out;
}
