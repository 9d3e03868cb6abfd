// Why: every checkpoint is a dirty bitmap QEMU updates on each guest write. Once a backup with a new
// checkpoint is safely recorded, hv's older checkpoints of that VM are no longer needed (the next
// incremental starts from the newest), so they are deleted; checkpoints others made are left alone.
import { DomainCheckpointListFlags, type DomainRef, type LibvirtClient } from '../../libvirt/index.js';
import { CHECKPOINT_PREFIX } from './backup-layout.js';

/** Delete hv's checkpoints of `dom` except `keep`, oldest first; failures only warn. */
export async function retireCheckpoints(
  client: LibvirtClient,
  dom: DomainRef,
  keep: string,
  warn: (message: string) => void,
): Promise<string[]> {
  const dropped: string[] = [];
  try {
    const all = await client.checkpoints.listAll(dom, DomainCheckpointListFlags.TOPOLOGICAL);
    for (const ck of all) {
      if (!ck.name.startsWith(CHECKPOINT_PREFIX) || ck.name === keep) continue;
      await client.checkpoints.delete(ck);
      dropped.push(ck.name);
    }
  } catch (err) {
    warn(`could not delete older checkpoints of ${dom.name}: ${(err as Error).message}`);
  }
  return dropped;
}
