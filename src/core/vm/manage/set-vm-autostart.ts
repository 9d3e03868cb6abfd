// `hv autostart on|off`: libvirt's autostart flag and hv's copy of it in the VM's metadata
// (`<hv:autostart enabled=...>`, which ordered autostart reads, and the stored profile) change together.
import type { LibvirtClient } from '../../../libvirt/index.js';
import { fromLibvirtError } from '../../libvirt-errors.js';
import { findVm, isActiveState } from './find-vm.js';
import { editHvMetadata } from './hv-metadata-edit.js';

/** What changed: `on`/`off`, or `already on`/`already off` when libvirt's flag was already so. */
export type AutostartOutcome = 'on' | 'off' | 'already on' | 'already off';

/**
 * Set the VM's autostart flag (and hv's metadata, which is brought in step even when the flag was
 * already right). @throws VmError VM_NOT_FOUND; VM_STATE_INVALID for a transient VM.
 */
export async function setVmAutostart(
  client: LibvirtClient,
  name: string,
  enabled: boolean,
): Promise<AutostartOutcome> {
  const dom = await findVm(client, name);
  try {
    const d = client.domains;
    const before = await d.getAutostart(dom);
    if (before !== enabled) await d.setAutostart(dom, enabled);
    const active = isActiveState((await d.getState(dom)).state);
    await editHvMetadata(client, dom, { autostart: enabled }, active);
    const word = enabled ? 'on' : 'off';
    return before === enabled ? `already ${word}` : word;
  } catch (err) {
    throw fromLibvirtError(err, `autostart of VM ${name}`);
  }
}
