// Why: a VM's IP addresses are known in two places: the DHCP leases of libvirt's networks (one call per
// network covers every VM on it) and, for VMs on bridges or with static addresses, the guest agent.
// Leases come first; the agent is asked only for running VMs left without an address, in parallel,
// with a short timeout, so a missing or hung agent never holds up `hv ls`.
import {
  ConnectListNetworksFlags,
  DomainInterfaceAddressesSource,
  type DomainRef,
  type LibvirtClient,
  type NetworkDhcpLease,
} from '../../../libvirt/index.js';

/** How long the guest agent may take to answer, per VM. */
const AGENT_TIMEOUT_MS = 1500;

/** Addresses by lowercase MAC. */
export type AddressesByMac = Map<string, string[]>;

function add(map: AddressesByMac, mac: string | undefined, ip: string): void {
  if (mac === undefined || ip === '') return;
  const key = mac.toLowerCase();
  const list = map.get(key) ?? [];
  if (!list.includes(ip)) list.push(ip);
  map.set(key, list);
}

/** Current (unexpired) leases by MAC. `now` in seconds since the epoch. Pure. */
export function leasesByMac(leases: readonly NetworkDhcpLease[], now: number): AddressesByMac {
  const out: AddressesByMac = new Map();
  for (const l of leases) {
    if (l.expiryTime !== 0n && Number(l.expiryTime) < now) continue;
    add(out, l.mac, l.ipaddr);
  }
  return out;
}

/** Loopback and link-local addresses say nothing about how to reach a VM. */
export function isUsefulAddress(ip: string): boolean {
  return !/^(127\.|169\.254\.|::1$|fe80:)/i.test(ip);
}

/**
 * The DHCP leases of every active libvirt network: one listing plus one call per network, in
 * parallel. Drivers without leases (the test driver) or a network that vanished contribute nothing.
 */
export async function networkLeases(client: LibvirtClient, signal?: AbortSignal): Promise<AddressesByMac> {
  const opts = signal === undefined ? {} : { signal };
  const nets = await client.networks.listAll(ConnectListNetworksFlags.ACTIVE, opts).catch(() => []);
  const all = await Promise.all(
    nets.map((n) => client.networks.getDhcpLeases(n, undefined, 0, opts).catch(() => [])),
  );
  return leasesByMac(all.flat(), Date.now() / 1000);
}

/**
 * Addresses the guest agent reports for the VM's interfaces, by MAC; empty when there is no agent,
 * it does not answer within `timeoutMs`, or the call fails for any other reason.
 */
export async function agentAddresses(
  client: LibvirtClient,
  dom: DomainRef,
  timeoutMs = AGENT_TIMEOUT_MS,
  signal?: AbortSignal,
): Promise<AddressesByMac> {
  return interfaceAddresses(client, dom, DomainInterfaceAddressesSource.AGENT, timeoutMs, signal);
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
 * A running VM's addresses without reading its XML: libvirt matches its NICs against the DHCP leases
 * of their networks (one call); when none has a lease, its guest agent is asked (short timeout).
 */
export async function runningVmAddresses(
  client: LibvirtClient,
  dom: DomainRef,
  signal?: AbortSignal,
): Promise<string[]> {
  const { LEASE, AGENT } = DomainInterfaceAddressesSource;
  const leased = await interfaceAddresses(client, dom, LEASE, 10_000, signal);
  const known =
    leased.size > 0 ? leased : await interfaceAddresses(client, dom, AGENT, AGENT_TIMEOUT_MS, signal);
  return [...new Set([...known.values()].flat())];
}

/** The addresses of `macs` found in `known`, in MAC order. Pure. */
export function addressesOf(macs: readonly string[], known: AddressesByMac): string[] {
  return [...new Set(macs.flatMap((m) => known.get(m.toLowerCase()) ?? []))];
}
