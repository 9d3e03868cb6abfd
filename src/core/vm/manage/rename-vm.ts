// `hv vm rename OLD NEW`: libvirt renames only shut-off VMs (and not ones with snapshots or
// checkpoints); the new name is checked like any hv name and must be free. hv's metadata stores the
// profile's name, so it is renamed too. Disk volumes keep their file names.
import { LibvirtError, type LibvirtClient } from '../../../libvirt/index.js';
import { ConflictError, ValidationError, VmError } from '../../errors/index.js';
import { fromLibvirtError } from '../../libvirt-errors.js';
import { validateName } from '../../validate/validate-name.js';
import { findVm } from './find-vm.js';
import { editHvMetadata } from './hv-metadata-edit.js';

const SHUTOFF = 5;

/** What rename did. */
export interface RenamedVm {
  readonly from: string;
  readonly to: string;
  /** hv's metadata (profile name) was updated; false for VMs hv did not create. */
  readonly metadata: boolean;
}

/**
 * Rename VM `from` to `to`.
 * @throws ValidationError (exit 4) for a bad or unchanged name; VmError VM_NOT_FOUND, VM_STATE_INVALID
 *   (not shut off, or libvirt refuses: snapshots); ConflictError ALREADY_EXISTS when `to` is taken.
 */
export async function renameVm(client: LibvirtClient, from: string, to: string): Promise<RenamedVm> {
  validateName('new name', to);
  if (to === from) throw new ValidationError('new name', `is already the VM's name`, { value: to });
  const dom = await findVm(client, from);
  const taken = await client.domains.lookupByName(to).then(
    () => true,
    (err: unknown) => {
      if (err instanceof LibvirtError && err.isNoDomain()) return false;
      throw fromLibvirtError(err, `looking up VM ${to}`);
    },
  );
  if (taken) throw new ConflictError(`a VM named ${to} already exists`, { code: 'ALREADY_EXISTS' });
  const { state } = await client.domains.getState(dom);
  if (state !== SHUTOFF) {
    throw new VmError(`VM ${from} is not shut off: stop it first (libvirt renames only shut-off VMs)`, {
      code: 'VM_STATE_INVALID',
      details: { vm: from, state },
    });
  }
  await client.domains.rename(dom, to).catch((err: unknown) => {
    throw fromLibvirtError(err, `renaming VM ${from} to ${to}`);
  });
  const metadata = await editHvMetadata(client, await findVm(client, to), { name: to }, false);
  return { from, to, metadata };
}
