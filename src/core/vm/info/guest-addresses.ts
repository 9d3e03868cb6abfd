// Why: a VM's IP addresses are known in two places: the DHCP leases of libvirt's networks (libvirt
// matches them to the VM's NICs by MAC) and, for VMs on bridges or with static addresses, the guest
// agent. Leases come first; the agent is asked only when no NIC has a lease, with a short timeout, so
// a missing or hung agent never holds up `hv ls` or `hv vm info`. Both read addresses through here.
import {
  DomainInterfaceAddressesSource,
  type DomainRef,
  type LibvirtClient,
} from '../../../libvirt/index.js';

/** How long the guest agent may take to answer, per VM. */
const AGENT_TIMEOUT_MS = 1500;
/** How long the lease lookup may take (libvirtd reads the networks' lease files). */
const LEASE_TIMEOUT_MS = 10_000;

/** Addresses by lowercase MAC. */
type AddressesByMac = Map<string, string[]>;

function add(map: AddressesByMac, mac: string | undefined, ip: string): void {
  if (mac === undefined || ip === '') return;
  const key = mac.toLowerCase();
  const list = map.get(key) ?? [];
  if (!list.includes(ip)) list.push(ip);
  map.set(key, list);
}

/** Loopback and link-local addresses say nothing about how to reach a VM. */
export function isUsefulAddress(ip: string): boolean {
  return !/^(127\.|169\.254\.|::1$|fe80:)/i.test(ip);
}

/** One VM's addresses from one source, by MAC; empty when the source fails or knows none. */
async function interfaceAddresses(
  client: LibvirtClient,
  dom: DomainRef,
  source: number,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<AddressesByMac> {
  const out: AddressesByMac = new Map();
  try {
    const ifaces = await client.domains.interfaceAddresses(dom, source, 0, {
      timeoutMs,
      ...(signal !== undefined && { signal }),
    });
    for (const i of ifaces) for (const a of i.addrs) if (isUsefulAddress(a.addr)) add(out, i.hwaddr, a.addr);
  } catch {
    // No agent, not connected, timed out: the VM simply has no known address.
  }
  return out;
}

/**
 * A running VM's addresses by lowercase MAC, without reading its XML: libvirt matches its NICs against
 * the DHCP leases of their networks (one call); when none has a lease, its guest agent is asked.
 */
export async function runningVmAddresses(
  client: LibvirtClient,
  dom: DomainRef,
  signal?: AbortSignal,
): Promise<AddressesByMac> {
  const { LEASE, AGENT } = DomainInterfaceAddressesSource;
  const leased = await interfaceAddresses(client, dom, LEASE, LEASE_TIMEOUT_MS, signal);
  return leased.size > 0 ? leased : interfaceAddresses(client, dom, AGENT, AGENT_TIMEOUT_MS, signal);
}

/** The addresses of `macs` found in `known`, in MAC order. Pure. */
export function addressesOf(macs: readonly string[], known: AddressesByMac): string[] {
  return [...new Set(macs.flatMap((m) => known.get(m.toLowerCase()) ?? []))];
}

/** Every address in `known`, each once. Pure. */
export function allAddresses(known: AddressesByMac): string[] {
  return [...new Set([...known.values()].flat())];
}
