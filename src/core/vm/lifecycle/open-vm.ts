// Why: every lifecycle verb starts the same way: check the name, look the VM up (missing: VM_NOT_FOUND),
// read its state, and refuse the wrong state with one line naming the VM and the state it is in.
import { type DomainRef, type LibvirtClient } from '../../../libvirt/index.js';
import { VmError } from '../../errors/index.js';
import { fromLibvirtError } from '../../libvirt-errors.js';
import { validateName } from '../../validate/validate-name.js';
import { findVm } from '../manage/find-vm.js';
import { vmStateWord, type VmState } from '../vm-state.js';

/** A looked-up VM and the state it was in. */
export interface OpenedVm {
  readonly name: string;
  readonly dom: DomainRef;
  readonly state: VmState;
}

/**
 * Look up `name` and read its state.
 * @throws ValidationError (INVALID_ARGUMENT) for a malformed name; VmError VM_NOT_FOUND when absent.
 */
export async function openVm(client: LibvirtClient, name: string): Promise<OpenedVm> {
  validateName('VM name', name);
  const dom = await findVm(client, name);
  try {
    const { state } = await client.domains.getState(dom);
    return { name, dom, state: vmStateWord(state) };
  } catch (err) {
    throw fromLibvirtError(err, `VM ${name}`);
  }
}

/** VM_STATE_INVALID: `cannot pause VM web-1: it is shut off`, with an optional hint. */
export function wrongStateError(name: string, verb: string, state: VmState, hint?: string): VmError {
  return new VmError(`cannot ${verb} VM ${name}: it is ${state}${hint === undefined ? '' : ` (${hint})`}`, {
    code: 'VM_STATE_INVALID',
    details: { name, state, verb },
  });
}

/** Run one libvirt call for VM `name`, translating its errors (OPERATION_INVALID: VM_STATE_INVALID). */
export async function vmCall<T>(name: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw fromLibvirtError(err, `VM ${name}`);
  }
}
