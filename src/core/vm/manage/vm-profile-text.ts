// The profile hv stored in a VM's metadata as hv YAML, the text `hv vm edit` puts in the editor
// (the same document `hv vm export-profile` writes, tags set since creation included).
import type { LibvirtClient } from '../../../libvirt/index.js';
import { VmError } from '../../errors/index.js';
import { fromLibvirtError } from '../../libvirt-errors.js';
import { domainXmlToProfile } from '../../profile/domain-xml/domain-xml-to-profile.js';
import { formatProfileYaml } from '../../profile/format-profile-yaml.js';
import { findVm } from './find-vm.js';

/**
 * The VM's stored profile as YAML with `header` comment lines.
 * @throws VmError VM_NOT_FOUND; VmError VM_ERROR when the VM has no hv profile (not created by hv).
 */
export async function vmProfileText(
  client: LibvirtClient,
  name: string,
  header: readonly string[],
): Promise<string> {
  const dom = await findVm(client, name);
  const xml = await client.domains.getXmlDesc(dom, 2).catch((err: unknown) => {
    throw fromLibvirtError(err, `reading VM ${name}`);
  });
  const stored = domainXmlToProfile(xml);
  if (stored === undefined) {
    throw new VmError(`VM ${name} has no hv profile in its metadata (not created by hv)`);
  }
  return formatProfileYaml({ ...stored.profile, tags: stored.tags }, header);
}
