// Why: attaching to a VM's serial console must say plainly why it cannot: the VM is off (start it
// first), or another client holds the console (take it over with --force), instead of libvirt's
// generic "operation failed".
import type { Duplex } from 'node:stream';
import { LibvirtError, type LibvirtClient } from '../../../libvirt/index.js';
import { ConflictError, VmError } from '../../errors/index.js';
import { fromLibvirtError } from '../../libvirt-errors.js';
import { validateName } from '../../validate/validate-name.js';
import { findVm, isActiveState } from '../manage/find-vm.js';
import { vmStateWord } from '../vm-state.js';

/** How to attach. */
export interface OpenVmConsoleOptions {
  /** Take the console over from another client that holds it. */
  readonly force?: boolean;
  /** A console or serial device alias (`serial0`, `console0`); default: the first console. */
  readonly device?: string;
  readonly signal?: AbortSignal;
}

/**
 * The byte stream of the VM's serial console: writes go to the guest, reads are its output.
 * @throws ValidationError for a malformed name (exit 4); VmError VM_NOT_FOUND, or VM_STATE_INVALID
 *   when the VM does not run (exit 7); ConflictError IN_USE when another client holds the console
 *   and `force` is not set (exit 10).
 */
export async function openVmConsole(
  client: LibvirtClient,
  name: string,
  options: OpenVmConsoleOptions = {},
): Promise<Duplex> {
  validateName('VM name', name);
  const dom = await findVm(client, name);
  const opts = options.signal === undefined ? {} : { signal: options.signal };
  const { state } = await client.domains.getState(dom, opts).catch((err: unknown) => {
    throw fromLibvirtError(err, `VM ${name}`);
  });
  if (!isActiveState(state)) {
    throw new VmError(`VM ${name} is ${vmStateWord(state)}: start it first with 'hv start ${name}'`, {
      code: 'VM_STATE_INVALID',
      details: { vm: name, state: vmStateWord(state), hint: `hv start ${name}` },
    });
  }
  try {
    return await client.domains.openConsole(dom, options.device, {
      ...(options.force === true && { force: true }),
      ...opts,
    });
  } catch (err) {
    if (
      err instanceof LibvirtError &&
      err.isOperationFailed() &&
      /active console session/i.test(err.message)
    ) {
      throw new ConflictError(
        `another client holds the console of VM ${name}; 'hv console --force ${name}' takes it over`,
        { code: 'IN_USE', cause: err, details: { vm: name } },
      );
    }
    throw fromLibvirtError(err, `opening the console of VM ${name}`);
  }
}
