// Why: `hv autostart run` and `hv shutdown-all` both need the autostart VMs with their place in the
// boot order: one bulk listing (libvirt's autostart flag decides who is in) plus one metadata read per
// autostart VM for its group and priority.
import type { LibvirtClient } from '../../../libvirt/index.js';
import { domainRefOf } from '../vm-ref.js';
import { VmService, type VmSummary } from '../vm-service.js';
import { readAutostartHints } from './autostart-hints.js';
import type { AutostartVm } from './plan-autostart.js';

/** Every VM of the host, and the autostart ones with their order hints. */
export interface AutostartInventory {
  readonly all: readonly VmSummary[];
  readonly autostart: readonly AutostartVm[];
}

/** Read the host's VMs and the autostart order hints of those with libvirt's autostart flag set. */
export async function listAutostartVms(
  client: LibvirtClient,
  signal?: AbortSignal,
): Promise<AutostartInventory> {
  const all = await new VmService(client).list(signal === undefined ? {} : { signal });
  const autostart = await Promise.all(
    all
      .filter((vm) => vm.autostart)
      .map(async (vm): Promise<AutostartVm> => {
        const hints = await readAutostartHints(client, domainRefOf(vm), signal);
        return { name: vm.name, state: vm.state, ...hints };
      }),
  );
  return { all, autostart };
}
