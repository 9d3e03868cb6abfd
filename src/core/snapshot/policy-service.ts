// Why: `hv snapshot policy set/show/remove/run --all` (and the daemon's scheduler) need the policies of one VM
// or of every VM; this finds the domain, reads or replaces its policies by name, and lists the VMs
// that have any, on top of the metadata store.
import { DomainState, type DomainRef, type LibvirtClient } from '../../libvirt/index.js';
import { ValidationError } from '../errors/index.js';
import { fromLibvirtError } from '../libvirt-errors.js';
import { validateName } from '../validate/validate-name.js';
import { readPolicies, writePolicies } from './policy-store.js';
import { validatePolicy, type SnapshotPolicy } from './snapshot-policy.js';

async function domainOf(client: LibvirtClient, vm: string): Promise<DomainRef> {
  validateName('vm', vm);
  try {
    return await client.domains.lookupByName(vm);
  } catch (err) {
    throw fromLibvirtError(err, `VM ${vm}`);
  }
}

async function isActive(client: LibvirtClient, dom: DomainRef): Promise<boolean> {
  const { state } = await client.domains.getState(dom);
  return state !== DomainState.SHUTOFF && state !== DomainState.CRASHED && state !== DomainState.NOSTATE;
}

/** The snapshot policies of `vm` (empty when it has none). */
export async function getSnapshotPolicies(client: LibvirtClient, vm: string): Promise<SnapshotPolicy[]> {
  return readPolicies(client, await domainOf(client, vm));
}

/** Add `policy` to `vm`, replacing one of the same name; resolves with all its policies. */
export async function setSnapshotPolicy(
  client: LibvirtClient,
  vm: string,
  policy: SnapshotPolicy,
): Promise<SnapshotPolicy[]> {
  validatePolicy(policy);
  const dom = await domainOf(client, vm);
  const next = [...(await readPolicies(client, dom)).filter((p) => p.name !== policy.name), policy];
  await writePolicies(client, dom, next, await isActive(client, dom).catch(() => false));
  return next;
}

/** Remove the policy `name` from `vm` (the snapshots it made stay, still tagged; setting a policy of that name again prunes them). */
export async function removeSnapshotPolicy(client: LibvirtClient, vm: string, name: string): Promise<void> {
  const dom = await domainOf(client, vm);
  const current = await readPolicies(client, dom);
  if (!current.some((p) => p.name === name)) {
    throw new ValidationError('--name', `VM ${vm} has no snapshot policy named ${name}`, {
      details: { vm, policy: name },
    });
  }
  await writePolicies(
    client,
    dom,
    current.filter((p) => p.name !== name),
    await isActive(client, dom).catch(() => false),
  );
}

/** Every VM with at least one snapshot policy, by name. */
export async function vmsWithSnapshotPolicies(
  client: LibvirtClient,
): Promise<{ vm: string; policies: SnapshotPolicy[] }[]> {
  let doms: DomainRef[];
  try {
    doms = await client.domains.listAll();
  } catch (err) {
    throw fromLibvirtError(err, 'listing VMs');
  }
  const out: { vm: string; policies: SnapshotPolicy[] }[] = [];
  for (const dom of doms.sort((a, b) => a.name.localeCompare(b.name))) {
    const policies = await readPolicies(client, dom);
    if (policies.length > 0) out.push({ vm: dom.name, policies });
  }
  return out;
}
