// Why: `hv recover` acts on VMs that crashed: state `crashed` (on_crash preserve/coredump-destroy kept
// them) or `shut off` with reason "crashed" (on_crash destroy). One bulk stats call finds both.
import {
  DomainShutoffReason,
  DomainState,
  listDomainsWithStats,
  type LibvirtClient,
} from '../../../libvirt/index.js';
import { fromLibvirtError } from '../../libvirt-errors.js';

/** A crashed VM. */
export interface CrashedVm {
  readonly name: string;
  readonly uuid: string;
  /** `crashed` or `shut off (crashed)`. */
  readonly foundState: 'crashed' | 'shut off (crashed)';
}

/** Is a libvirt (state, reason) pair a crash? Pure. */
export function crashedState(state: number, reason: number): CrashedVm['foundState'] | undefined {
  if (state === DomainState.CRASHED) return 'crashed';
  if (state === DomainState.SHUTOFF && reason === DomainShutoffReason.CRASHED) return 'shut off (crashed)';
  return undefined;
}

/** The host's crashed VMs, sorted by name. */
export async function findCrashedVms(client: LibvirtClient, signal?: AbortSignal): Promise<CrashedVm[]> {
  try {
    const all = await listDomainsWithStats(client, signal === undefined ? {} : { signal });
    return all
      .flatMap((d) => {
        const foundState = crashedState(d.state, d.reason);
        return foundState === undefined ? [] : [{ name: d.name, uuid: d.uuid, foundState }];
      })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (err) {
    throw fromLibvirtError(err, 'listing VMs');
  }
}
