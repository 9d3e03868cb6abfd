// Why: one recovery attempt is "pull the plug if it is still there, start it, see it running": a VM
// preserved in state crashed must be destroyed before it can start; one shut off after a crash starts
// directly. The attempt counts as a success once libvirt reports the VM running.
import type { LibvirtClient } from '../../../libvirt/index.js';
import { killVm } from '../lifecycle/kill-vm.js';
import { openVm } from '../lifecycle/open-vm.js';
import { startVm } from '../lifecycle/start-vm.js';
import { waitForVmState } from '../lifecycle/wait-for-vm-state.js';

/** Is VM `name` still down (crashed or shut off)? A VM someone started meanwhile must not be killed. */
export async function isStillDown(client: LibvirtClient, name: string): Promise<boolean> {
  const { state } = await openVm(client, name);
  return state === 'crashed' || state === 'shut off';
}

/** Destroy (if not shut off) and start VM `name`; resolves when it runs. @throws HvError. */
export async function restartCrashedVm(
  client: LibvirtClient,
  name: string,
  opts: { readonly waitRunningMs: number; readonly signal?: AbortSignal },
): Promise<void> {
  const signal = opts.signal === undefined ? {} : { signal: opts.signal };
  await killVm(client, name, signal);
  await startVm(client, name, signal);
  await waitForVmState(client, name, (s) => s === 'running' || s === 'idle', {
    timeoutMs: opts.waitRunningMs,
    ...signal,
  });
}
