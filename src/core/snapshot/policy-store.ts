// Why: policies are read and written through libvirt's per-namespace domain metadata. A running VM has
// two copies (live and persistent config); each is read, changed and written back on its own, so a
// profile update that reached only the config is never overwritten with a stale live copy.
import {
  DomainAffectFlags,
  DomainMetadataType,
  LibvirtError,
  type DomainRef,
  type LibvirtClient,
} from '../../libvirt/index.js';
import { fromLibvirtError } from '../libvirt-errors.js';
import { HV_VM_NAMESPACE } from '../profile/domain-xml/domain-metadata.js';
import { parsePolicies, withPolicies, type SnapshotPolicy } from './snapshot-policy.js';

/** hv's metadata element prefix (as in profile-to-domain-xml). */
const HV_PREFIX = 'hv';

async function readMetadata(
  client: LibvirtClient,
  dom: DomainRef,
  flags: number,
): Promise<string | undefined> {
  try {
    return await client.domains.getMetadata(dom, DomainMetadataType.ELEMENT, HV_VM_NAMESPACE, flags);
  } catch (err) {
    if (err instanceof LibvirtError && err.isNoDomainMetadata()) return undefined;
    throw err;
  }
}

/** The snapshot policies of a VM (from its persistent config when it has one, else the live one). */
export async function readPolicies(client: LibvirtClient, dom: DomainRef): Promise<SnapshotPolicy[]> {
  try {
    return parsePolicies(await readMetadata(client, dom, 0));
  } catch (err) {
    throw fromLibvirtError(err, `snapshot policies of VM ${dom.name}`);
  }
}

/** Replace the VM's snapshot policies in its config and, when running, in its live definition. */
export async function writePolicies(
  client: LibvirtClient,
  dom: DomainRef,
  policies: readonly SnapshotPolicy[],
  active: boolean,
): Promise<void> {
  const targets = active ? [DomainAffectFlags.CONFIG, DomainAffectFlags.LIVE] : [DomainAffectFlags.CONFIG];
  try {
    for (const flags of targets) {
      const current = await readMetadata(client, dom, flags);
      const next = withPolicies(current, policies);
      await client.domains.setMetadata(
        dom,
        DomainMetadataType.ELEMENT,
        next,
        HV_PREFIX,
        HV_VM_NAMESPACE,
        flags,
      );
    }
  } catch (err) {
    throw fromLibvirtError(err, `writing snapshot policies of VM ${dom.name}`);
  }
}
