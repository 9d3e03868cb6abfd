// Why: `hv vm info NAME` answers everything a user asks about one VM in one screen: state and why,
// sizes, disks with their real allocation, NICs with addresses, consoles, snapshots, backups and what
// hv knows (profile origin, autostart ordering). A handful of calls made in parallel, none per disk.
import { uuidString, type DomainRef, type LibvirtClient } from '../../../libvirt/index.js';
import { fromLibvirtError } from '../../libvirt-errors.js';
import { domainXmlToProfile } from '../../profile/domain-xml/domain-xml-to-profile.js';
import { validateName } from '../../validate/validate-name.js';
import { domainDisks } from '../manage/domain-disks.js';
import { findVm } from '../manage/find-vm.js';
import { vmStateWord, type VmState } from '../vm-state.js';
import { domainFacts, type DomainConsole, type DomainGraphics } from './domain-facts.js';
import { addressesOf, runningVmAddresses } from './guest-addresses.js';
import { stateReasonWord } from './state-reason.js';
import type { LastBackup } from './last-backup.js';
import { diskSizes } from './disk-sizes.js';

/** One disk of `hv vm info`. */
export interface VmInfoDisk {
  readonly target: string;
  /** disk, cdrom... */
  readonly device: string;
  readonly path: string | null;
  /** Virtual size in bytes; null when unknown (empty CD-ROM, driver without block stats). */
  readonly sizeBytes: number | null;
  /** Bytes allocated on the host; null when unknown. */
  readonly allocationBytes: number | null;
}

/** One NIC of `hv vm info`. */
export interface VmInfoNic {
  readonly mac: string;
  readonly type: string;
  /** Network name, bridge or host device; null for user-mode networking. */
  readonly network: string | null;
  readonly model: string | null;
  readonly ipAddresses: readonly string[];
}

/** Everything `hv vm info` shows (its --json form). */
export interface VmInfo {
  readonly name: string;
  readonly uuid: string;
  readonly id: number | null;
  readonly state: VmState;
  readonly stateReason: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly maxMemoryMiB: number;
  readonly firmware: 'uefi' | 'bios';
  readonly autostart: boolean;
  /** hv's ordered-autostart group and priority (from hv metadata); null when not set. */
  readonly autostartGroup: string | null;
  readonly autostartPriority: number | null;
  readonly tags: readonly string[];
  readonly description: string | null;
  /** True when the VM carries hv's profile in its metadata. */
  readonly managedByHv: boolean;
  /** Where hv's profile came from (format and file), when recorded. */
  readonly profileOrigin: { readonly format: string; readonly file: string | null } | null;
  readonly disks: readonly VmInfoDisk[];
  readonly nics: readonly VmInfoNic[];
  readonly consoles: readonly DomainConsole[];
  readonly graphics: readonly DomainGraphics[];
  readonly snapshotCount: number;
  readonly lastBackup: LastBackup | null;
}

/** How to gather the info. */
export interface VmInfoOptions {
  readonly signal?: AbortSignal;
  /** Reads the newest backup of the VM (from hv.db); default: none. */
  readonly lastBackup?: (vm: { name: string; uuid: string }) => LastBackup | null;
}

/** hv's own facts from its metadata; a profile hv cannot read is reported as not managed. */
function hvFacts(
  xml: string,
): Pick<VmInfo, 'managedByHv' | 'profileOrigin' | 'autostartGroup' | 'autostartPriority'> {
  let stored: ReturnType<typeof domainXmlToProfile>;
  try {
    stored = domainXmlToProfile(xml);
  } catch {
    stored = undefined;
  }
  return {
    managedByHv: stored !== undefined,
    profileOrigin:
      stored?.origin === undefined
        ? null
        : { format: stored.origin.format, file: stored.origin.file ?? null },
    autostartGroup: stored?.profile.autostartGroup ?? null,
    autostartPriority: stored?.profile.autostartPriority ?? null,
  };
}

async function nicAddresses(
  client: LibvirtClient,
  dom: DomainRef,
  macs: readonly string[],
  signal: AbortSignal | undefined,
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (dom.id < 0 || macs.length === 0) return out;
  const known = await runningVmAddresses(client, dom, signal);
  for (const m of macs) out.set(m, addressesOf([m], known));
  return out;
}

/**
 * Everything about the VM `name`.
 * @throws ValidationError (exit 4) for a malformed name; VmError VM_NOT_FOUND (exit 7) when absent.
 */
export async function vmInfo(
  client: LibvirtClient,
  name: string,
  options: VmInfoOptions = {},
): Promise<VmInfo> {
  validateName('VM name', name);
  const dom = await findVm(client, name);
  const { signal } = options;
  const opts = signal === undefined ? {} : { signal };
  const d = client.domains;
  try {
    const [xml, state, info, autostart, snapshots] = await Promise.all([
      d.getXmlDesc(dom, 0, opts),
      d.getState(dom, opts),
      d.getInfo(dom, opts),
      d.getAutostart(dom, opts),
      client.snapshots.listAll(dom, 0, opts).catch(() => []),
    ]);
    const facts = domainFacts(xml);
    const disks = domainDisks(xml);
    const [sizes, ips] = await Promise.all([
      diskSizes(client, dom, disks, signal),
      nicAddresses(
        client,
        dom,
        facts.nics.map((n) => n.mac),
        signal,
      ),
    ]);
    const uuidText = uuidString(dom.uuid);
    return {
      name: dom.name,
      uuid: uuidText,
      id: dom.id >= 0 ? dom.id : null,
      state: vmStateWord(state.state),
      stateReason: stateReasonWord(state.state, state.reason),
      vcpus: info.nrVirtCpu,
      memoryMiB: Math.round(Number(info.memoryKiB) / 1024),
      maxMemoryMiB: Math.round(Number(info.maxMemKiB) / 1024),
      firmware: facts.firmware,
      autostart,
      ...hvFacts(xml),
      tags: facts.tags,
      description: facts.description ?? null,
      disks: disks.map((k) => ({
        target: k.target,
        device: k.device,
        path: k.path ?? sizes.get(k.target)?.path ?? null,
        sizeBytes: sizes.get(k.target)?.capacity ?? null,
        allocationBytes: sizes.get(k.target)?.allocation ?? null,
      })),
      nics: facts.nics.map((n) => ({
        mac: n.mac,
        type: n.type,
        network: n.source ?? null,
        model: n.model ?? null,
        ipAddresses: ips.get(n.mac) ?? [],
      })),
      consoles: facts.consoles,
      graphics: facts.graphics,
      snapshotCount: snapshots.length,
      lastBackup: options.lastBackup?.({ name: dom.name, uuid: uuidText }) ?? null,
    };
  } catch (err) {
    throw fromLibvirtError(err, `reading VM ${name}`);
  }
}
