// Why: a boot test makes three things the host keeps when hv dies (kill -9, power cut): a transient VM
// that runs on (libvirt owns it), its isolated network, and the scratch directory with its disks. Each
// carries who made it: the VM an hv marker in its metadata (owner pid, its start time, host, scratch dir,
// network), the network the owner pid in its name, the scratch directory an owner.json. The next boot
// test, backup or verify, and `hv gc`, remove those whose owner is gone; a running boot test is left alone.
import { hostname } from 'node:os';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LibvirtError, type LibvirtClient } from '../../libvirt/index.js';
import { fromLibvirtError } from '../libvirt-errors.js';
import {
  attrOf,
  childElement,
  childrenOf,
  makeElement,
  parseOrderedXml,
  rootElement,
  tagOf,
  type XmlNode,
} from '../domain-xml/ordered-xml.js';
import { holderAlive, processStartOf } from './vm-lock.js';

/** XML namespace of the boot-test marker in a throwaway VM's metadata. */
const BOOT_TEST_NAMESPACE = 'https://hv.dev/xmlns/boot-test/1';
/** Names of throwaway boot-test VMs start with this. */
export const BOOT_TEST_VM_PREFIX = 'hv-boottest-';
/** Names of boot-test networks: `hv-boottest-net-<owner pid>-<random>`. */
const NET_PREFIX = 'hv-boottest-net-';
/** Scratch directories of boot tests: `<dir>/.hv-boot-test-<random>`. */
export const BOOT_TEST_SCRATCH_PREFIX = '.hv-boot-test-';
const OWNER_FILE = 'owner.json';
/** A scratch directory without owner.json (killed right after mkdtemp) is removed after this long. */
const UNOWNED_GRACE_MS = 10 * 60_000;

/** Who runs a boot test, and what it made. */
export interface BootTestOwner {
  readonly pid: number;
  readonly host: string;
  readonly processStart?: string;
  readonly since: string;
  readonly scratch: string;
  readonly network?: string;
}

/** One thing a clean-up found (and, unless dry-run, removed). */
export interface BootTestLeftover {
  readonly kind: 'domain' | 'network' | 'directory';
  readonly name: string;
  readonly vm: string;
  readonly reason: string;
}

/** The owner record of this process for a boot test using `scratch` (and `network`). */
export function currentOwner(scratch: string, network?: string): BootTestOwner {
  const start = processStartOf(process.pid);
  return {
    pid: process.pid,
    host: hostname(),
    ...(start === undefined ? {} : { processStart: start }),
    since: new Date().toISOString(),
    scratch,
    ...(network === undefined ? {} : { network }),
  };
}

/** Name of the isolated network of a boot test run by this process. */
export function bootTestNetworkName(random: string): string {
  return `${NET_PREFIX}${process.pid}-${random}`;
}

/** The `<hvbt:boot-test>` metadata element for a throwaway VM. */
export function bootTestMarker(owner: BootTestOwner): XmlNode {
  const attrs: Record<string, string> = {
    'xmlns:hvbt': BOOT_TEST_NAMESPACE,
    pid: String(owner.pid),
    host: owner.host,
    since: owner.since,
    scratch: owner.scratch,
  };
  if (owner.processStart !== undefined) attrs['process-start'] = owner.processStart;
  if (owner.network !== undefined) attrs['network'] = owner.network;
  return makeElement('hvbt:boot-test', attrs);
}

/** The owner recorded in a domain's XML, or undefined when it is no hv boot-test VM. */
export function bootTestOwnerOf(xml: string): BootTestOwner | undefined {
  const root = rootElement(parseOrderedXml(xml, 'domain XML'), 'domain XML');
  for (const el of childrenOf(childElement(root, 'metadata') ?? {})) {
    const tag = tagOf(el) ?? '';
    const prefix = /^([\w.-]+):boot-test$/.exec(tag)?.[1];
    if (prefix === undefined || attrOf(el, `xmlns:${prefix}`) !== BOOT_TEST_NAMESPACE) continue;
    const pid = Number(attrOf(el, 'pid'));
    const scratch = attrOf(el, 'scratch');
    if (!Number.isInteger(pid) || scratch === undefined) return undefined;
    const start = attrOf(el, 'process-start');
    const network = attrOf(el, 'network');
    return {
      pid,
      host: attrOf(el, 'host') ?? '',
      since: attrOf(el, 'since') ?? '',
      scratch,
      ...(start === undefined ? {} : { processStart: start }),
      ...(network === undefined ? {} : { network }),
    };
  }
  return undefined;
}

/** Record the owner in the scratch directory (found even when no VM was made yet). */
export async function writeScratchOwner(owner: BootTestOwner): Promise<void> {
  await writeFile(join(owner.scratch, OWNER_FILE), `${JSON.stringify(owner)}\n`, { mode: 0o600 });
}

const alive = (o: BootTestOwner): boolean =>
  holderAlive({
    pid: o.pid,
    host: o.host,
    command: '',
    since: o.since,
    ...(o.processStart === undefined ? {} : { processStart: o.processStart }),
  });

async function removeNetwork(client: LibvirtClient, name: string): Promise<boolean> {
  try {
    const net = await client.networks.lookupByName(name);
    const persistent = await client.networks.isPersistent(net);
    if (await client.networks.isActive(net)) await client.networks.destroy(net); // transient: gone now
    if (persistent) await client.networks.undefine(net);
    return true;
  } catch (err) {
    if (err instanceof LibvirtError && /no network/i.test(err.message)) return false;
    throw fromLibvirtError(err, `removing boot-test network ${name}`);
  }
}

async function scratchOwner(dir: string): Promise<BootTestOwner | 'unowned-young' | undefined> {
  const text = await readFile(join(dir, OWNER_FILE), 'utf8').catch(() => undefined);
  if (text !== undefined) {
    try {
      return JSON.parse(text) as BootTestOwner;
    } catch {
      return undefined;
    }
  }
  const s = await stat(dir).catch(() => undefined);
  return s !== undefined && Date.now() - s.mtimeMs < UNOWNED_GRACE_MS ? 'unowned-young' : undefined;
}

/**
 * Find boot-test VMs, networks and scratch directories (in `scratchDirs` and wherever a VM's marker
 * points) whose owner process is gone, and unless `dryRun` remove them.
 */
export async function cleanBootTestLeftovers(
  client: LibvirtClient,
  o: { scratchDirs: readonly string[]; dryRun?: boolean },
): Promise<BootTestLeftover[]> {
  const out: BootTestLeftover[] = [];
  const dry = o.dryRun === true;
  const busyNets = new Set<string>();
  const busyDirs = new Set<string>();
  const deadDirs = new Map<string, string>();
  let domains;
  try {
    domains = await client.domains.listAll();
  } catch (err) {
    throw fromLibvirtError(err, 'listing VMs');
  }
  for (const d of domains.filter((x) => x.name.startsWith(BOOT_TEST_VM_PREFIX))) {
    const xml = await client.domains.getXmlDesc(d).catch(() => undefined);
    const owner = xml === undefined ? undefined : bootTestOwnerOf(xml);
    if (owner === undefined) continue; // not marked: not ours to remove
    if (alive(owner)) {
      if (owner.network !== undefined) busyNets.add(owner.network);
      busyDirs.add(owner.scratch);
      continue;
    }
    const why = `boot test of process ${owner.pid} (since ${owner.since}) was interrupted`;
    out.push({ kind: 'domain', name: d.name, vm: d.name, reason: why });
    if (!dry) {
      await client.domains.destroyFlags(d).catch(() => undefined); // transient: gone once destroyed
      await client.domains.undefine(d).catch(() => undefined); // persistent (should not be): undefine too
    }
    if (owner.network !== undefined && (await removeNetworkIf(client, owner.network, dry))) {
      out.push({ kind: 'network', name: owner.network, vm: d.name, reason: why });
    }
    deadDirs.set(owner.scratch, d.name);
  }
  for (const base of o.scratchDirs) {
    for (const name of await readdir(base).catch(() => [] as string[])) {
      if (!name.startsWith(BOOT_TEST_SCRATCH_PREFIX)) continue;
      const dir = join(base, name);
      if (busyDirs.has(dir) || deadDirs.has(dir)) continue;
      const owner = await scratchOwner(dir);
      if (owner === 'unowned-young' || (owner !== undefined && alive(owner))) continue;
      deadDirs.set(dir, '');
    }
  }
  for (const [dir, vm] of deadDirs) {
    out.push({ kind: 'directory', name: dir, vm, reason: 'scratch disks of an interrupted boot test' });
    if (!dry) await rm(dir, { recursive: true, force: true });
  }
  let nets;
  try {
    nets = await client.networks.listAll();
  } catch (err) {
    throw fromLibvirtError(err, 'listing networks');
  }
  const named = new Set(out.filter((l) => l.kind === 'network').map((l) => l.name));
  for (const n of nets) {
    const pid = new RegExp(`^${NET_PREFIX}(\\d+)-`).exec(n.name)?.[1];
    if (pid === undefined || busyNets.has(n.name) || named.has(n.name)) continue;
    if (processStartOf(Number(pid)) !== undefined) continue; // its owner (or a reused pid) lives
    if (await removeNetworkIf(client, n.name, dry)) {
      out.push({
        kind: 'network',
        name: n.name,
        vm: '',
        reason: `boot test of process ${pid} was interrupted`,
      });
    }
  }
  return out;
}

async function removeNetworkIf(client: LibvirtClient, name: string, dryRun: boolean): Promise<boolean> {
  if (!dryRun) return removeNetwork(client, name);
  try {
    await client.networks.lookupByName(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * `hv gc`'s part for boot tests: leftovers in `storage.pool_path` (the default scratch directory) and
 * wherever a left-over VM's marker points.
 */
export function collectBootTestLeftovers(
  client: LibvirtClient,
  config: { readonly storage: { readonly pool_path: string } },
  options: { dryRun: boolean },
): Promise<BootTestLeftover[]> {
  return cleanBootTestLeftovers(client, { scratchDirs: [config.storage.pool_path], dryRun: options.dryRun });
}
