// Every manage verb starts by looking the VM up by name; a missing VM is VM_NOT_FOUND (exit 7) naming
// it, anything else goes through the one libvirt-to-hv translation.
import { LibvirtError, type DomainRef, type LibvirtClient } from '../../../libvirt/index.js';
import { VmError } from '../../errors/index.js';
import { fromLibvirtError } from '../../libvirt-errors.js';

/** The domain named `name`. @throws VmError VM_NOT_FOUND when there is none. */
export async function findVm(client: LibvirtClient, name: string): Promise<DomainRef> {
  try {
    return await client.domains.lookupByName(name);
  } catch (err) {
    if (err instanceof LibvirtError && err.isNoDomain())
      throw new VmError(`no VM named ${name}`, { code: 'VM_NOT_FOUND' });
    throw fromLibvirtError(err, `looking up VM ${name}`);
  }
}

const ACTIVE_STATES: ReadonlySet<number> = new Set([1, 2, 3, 4, 7]);

/** A libvirt domain state in which the VM runs (running, blocked, paused, shutting down, pmsuspended). */
export function isActiveState(state: number): boolean {
  return ACTIVE_STATES.has(state);
}
