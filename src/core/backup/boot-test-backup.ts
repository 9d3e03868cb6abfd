// Why: hashes prove the files are what was written, not that the VM in them boots. A boot test restores
// the chain into scratch disks, starts a throwaway transient VM (unique name, new identity, its NICs on
// a transient isolated network, no passthrough devices, serial console logged to a file, an hv marker in
// its metadata), waits for a sign of life (the serial marker when one is given, else the guest agent
// answering guest-ping) and then removes the VM, network and disks whatever happened. What a killed
// run left is removed first (boot-test-leftovers.ts).
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DomainRef, LibvirtClient, NetworkRef } from '../../libvirt/index.js';
import { HvError, InterruptedError, ValidationError } from '../errors/index.js';
import { fromLibvirtError } from '../libvirt-errors.js';
import type { BackupCatalog } from './backup-catalog.js';
import {
  BOOT_TEST_SCRATCH_PREFIX,
  BOOT_TEST_VM_PREFIX,
  bootTestMarker,
  bootTestNetworkName,
  cleanBootTestLeftovers,
  currentOwner,
  writeScratchOwner,
} from './boot-test-leftovers.js';
import type { BackupProgress } from './backup-progress.js';
import type { BackupSettings } from './backup-service.js';
import { readDomainFacts } from './domain-disks.js';
import { rebuildDisks, verifyChainFiles } from './rebuild-disks.js';
import { resolveChain } from './resolve-chain.js';
import { restoreDomainXml } from './restore-domain-xml.js';
import { restoreNvram } from './vm-state-files.js';

/** What to boot-test. */
export interface BootTestRequest {
  readonly id: string;
  /** Give up after this long (default 300 000 ms). */
  readonly timeoutMs?: number;
  /**
   * Text on the serial console that means "booted" (e.g. HV-TEST-GUEST-READY, a login prompt). Without
   * it, the guest agent answering guest-ping does.
   */
  readonly marker?: string;
  /** Directory for the scratch disks (default storage.pool_path). */
  readonly scratchDir?: string;
  readonly signal?: AbortSignal;
  readonly warn: (message: string) => void;
  readonly onProgress?: (p: BackupProgress) => void;
}

/** The outcome. */
export interface BootTestResult {
  readonly id: string;
  /** The throwaway VM's name (already removed). */
  readonly vm: string;
  readonly ok: boolean;
  /** What showed the VM alive: the serial marker or the guest agent. */
  readonly sign?: 'serial-marker' | 'guest-agent';
  readonly seconds: number;
  readonly detail: string;
}

/** Services a boot test needs. */
export interface BootTestContext {
  readonly client: LibvirtClient;
  readonly catalog: BackupCatalog;
  readonly settings: BackupSettings;
}

async function agentAnswers(client: LibvirtClient, dom: DomainRef): Promise<boolean> {
  try {
    await client.domains.agentCommand(dom, '{"execute":"guest-ping"}', 2);
    return true;
  } catch {
    return false;
  }
}

async function waitForLife(
  client: LibvirtClient,
  dom: DomainRef,
  o: { log: string; marker?: string; agent: boolean; timeoutMs: number; signal?: AbortSignal },
): Promise<'serial-marker' | 'guest-agent' | undefined> {
  const start = performance.now();
  while (performance.now() - start < o.timeoutMs) {
    if (o.signal?.aborted === true) throw new InterruptedError('interrupted during the boot test');
    if (o.marker !== undefined) {
      const text = await readFile(o.log, 'utf8').catch(() => '');
      if (text.includes(o.marker)) return 'serial-marker';
    }
    if (o.agent && (await agentAnswers(client, dom))) return 'guest-agent';
    await sleep(500);
  }
  return undefined;
}

function hasNics(xml: string): boolean {
  return /<interface[\s>]/.test(xml);
}

function isolatedNetworkXml(name: string): string {
  return `<network><name>${name}</name><bridge stp='off' delay='0'/></network>`;
}

/** Boot-test backup `req.id`; the result is also recorded as the backup's verification. */
export async function bootTestBackup(ctx: BootTestContext, req: BootTestRequest): Promise<BootTestResult> {
  const started = performance.now();
  const links = await resolveChain(ctx.catalog, req.id);
  const top = links.at(-1)?.found.manifest;
  if (top === undefined) throw new HvError('INTERNAL', `backup ${req.id}: empty chain`);
  const agent = readDomainFacts(top.domainXml).hasAgentChannel;
  if (req.marker === undefined && !agent) {
    throw new ValidationError(
      'marker',
      `VM ${top.vm.name} has no guest agent channel: give the serial text that means "booted"`,
    );
  }
  await verifyChainFiles(links, req.signal);
  const random = randomBytes(4).toString('hex');
  const vm = `${BOOT_TEST_VM_PREFIX}${top.vm.name.slice(0, 36)}-${random}`;
  const base = req.scratchDir ?? ctx.settings.storageDir;
  await mkdir(base, { recursive: true, mode: 0o711 });
  for (const l of await cleanBootTestLeftovers(ctx.client, { scratchDirs: [base, ctx.settings.storageDir] }))
    req.warn(`removed ${l.kind} ${l.name} (${l.reason})`);
  const scratch = await mkdtemp(join(base, BOOT_TEST_SCRATCH_PREFIX));
  await chmod(scratch, 0o711);
  const network = hasNics(top.domainXml) ? bootTestNetworkName(random) : undefined;
  const owner = currentOwner(scratch, network);
  let dom: DomainRef | undefined;
  let net: NetworkRef | undefined;
  try {
    await writeScratchOwner(owner);
    const dests = new Map(top.disks.map((d) => [d.target, join(scratch, `${d.target}.qcow2`)]));
    await rebuildDisks(links, dests, {
      vm,
      ...(req.signal === undefined ? {} : { signal: req.signal }),
      ...(req.onProgress === undefined ? {} : { onProgress: req.onProgress }),
    });
    const log = join(scratch, 'serial.log');
    // A UEFI guest boots from the backed-up NVRAM (its boot entries), copied into the scratch directory.
    const nvramFile = join(scratch, 'VARS.fd');
    const hasNvram = await restoreNvram(links.at(-1)?.found.dir ?? '', top.state ?? [], nvramFile);
    const xml = restoreDomainXml(top.domainXml, {
      name: vm,
      newIdentity: true,
      diskFiles: dests,
      bootTestSerialLog: log,
      bootTestMarker: bootTestMarker(owner),
      ...(network === undefined ? {} : { bootTestNetwork: network }),
      ...(hasNvram ? { nvramFile } : {}),
    });
    req.onProgress?.({ vm, phase: 'boot', done: 0, total: 0 });
    try {
      // An isolated network: no forward, no host address, no DHCP; the guest's NICs reach nothing.
      if (network !== undefined) net = await ctx.client.networks.createXml(isolatedNetworkXml(network));
      dom = await ctx.client.domains.createXml(xml);
    } catch (err) {
      throw fromLibvirtError(err, `starting boot-test VM ${vm}`);
    }
    const sign = await waitForLife(ctx.client, dom, {
      log,
      ...(req.marker === undefined ? {} : { marker: req.marker }),
      agent: req.marker === undefined && agent,
      timeoutMs: req.timeoutMs ?? 300_000,
      ...(req.signal === undefined ? {} : { signal: req.signal }),
    });
    const seconds = (performance.now() - started) / 1000;
    const waitedFor = [
      req.marker === undefined ? '' : `serial marker "${req.marker}"`,
      req.marker === undefined ? 'answer from the guest agent' : '',
    ]
      .filter((w) => w !== '')
      .join(' or ');
    const detail =
      sign !== undefined
        ? `boot test ok: ${sign === 'serial-marker' ? `serial marker "${req.marker ?? ''}"` : 'guest agent answered'} after ${seconds.toFixed(1)} s`
        : `boot test failed: no ${waitedFor} within ${((req.timeoutMs ?? 300_000) / 1000).toFixed(0)} s`;
    ctx.catalog.recordVerification(req.id, sign !== undefined ? 'ok' : 'failed', detail, new Date());
    return {
      id: req.id,
      vm,
      ok: sign !== undefined,
      ...(sign === undefined ? {} : { sign }),
      seconds,
      detail,
    };
  } finally {
    if (dom !== undefined) {
      try {
        await ctx.client.domains.destroyFlags(dom);
      } catch (err) {
        req.warn(`could not destroy boot-test VM ${vm}: ${(err as Error).message}`);
      }
    }
    if (net !== undefined) {
      try {
        await ctx.client.networks.destroy(net);
      } catch (err) {
        req.warn(`could not remove boot-test network ${net.name}: ${(err as Error).message}`);
      }
    }
    await rm(scratch, { recursive: true, force: true });
  }
}
