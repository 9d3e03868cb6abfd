// Why: kill, reboot, reset, pause and resume share one shape: look up, answer "already so" when the VM is
// already where the verb would take it, refuse states the verb cannot act on, else make one libvirt call.
import type { DomainRef, LibvirtClient } from '../../../libvirt/index.js';
import { InterruptedError } from '../../errors/index.js';
import type { VmState } from '../vm-state.js';
import { openVm, vmCall, wrongStateError } from './open-vm.js';

/** What a lifecycle verb returns: a short word or two for the result column. */
export interface LifecycleResult<O extends string = string> {
  readonly outcome: O;
}

/** Options every lifecycle verb takes. */
export interface LifecycleOptions {
  /** Checked before acting; the libvirt call itself is short and runs to completion. */
  readonly signal?: AbortSignal;
}

/** How one simple verb behaves. */
export interface VerbSpec<O extends string> {
  /** The verb as the error message says it: `pause`, `resume`... */
  readonly verb: string;
  /** States in which nothing is done, and the outcome reported then. */
  readonly already?: { readonly states: readonly VmState[]; readonly outcome: O };
  /** States the verb acts on; any other is VM_STATE_INVALID. */
  readonly acts: readonly VmState[];
  /** A hint for the wrong-state message, by state. */
  readonly hints?: Partial<Record<VmState, string>>;
  readonly call: (client: LibvirtClient, dom: DomainRef) => Promise<void>;
  readonly outcome: O;
}

/** Run a simple verb on VM `name` (see {@link VerbSpec}). */
export async function runVerb<O extends string>(
  client: LibvirtClient,
  name: string,
  spec: VerbSpec<O>,
  opts: LifecycleOptions = {},
): Promise<LifecycleResult<O>> {
  if (opts.signal?.aborted === true) throw new InterruptedError(`VM ${name}: interrupted`);
  const vm = await openVm(client, name);
  if (spec.already?.states.includes(vm.state) === true) return { outcome: spec.already.outcome };
  if (!spec.acts.includes(vm.state)) {
    throw wrongStateError(name, spec.verb, vm.state, spec.hints?.[vm.state]);
  }
  await vmCall(name, () => spec.call(client, vm.dom));
  return { outcome: spec.outcome };
}
