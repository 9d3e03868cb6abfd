// `hv vm apply`: bring an existing VM to a changed profile, idempotently. The domain is redefined
// from the new profile with its UUID, its MACs (by NIC position) and its disk, seed and NVRAM volumes
// kept; on a running VM what libvirt can change live is changed live (memory within the maximum,
// vCPUs within the maximum, added NICs), and the rest waits for the next boot.
import { LibvirtError, type DomainRef, type LibvirtClient } from '../../../libvirt/index.js';
import type { HvConfig } from '../../config/config-schema.js';
import { ValidationError, VmError } from '../../errors/index.js';
import { fromLibvirtError } from '../../libvirt-errors.js';
import { domainXmlToProfile } from '../../profile/domain-xml/domain-xml-to-profile.js';
import { archFromNode, type HostFacts } from '../../profile/domain-xml/host-facts.js';
import { planHostFacts, seedVolumeName } from '../../profile/domain-xml/plan-host-facts.js';
import { profileToDomainXml } from '../../profile/domain-xml/profile-to-domain-xml.js';
import type { VmProfile } from '../../profile/vm-profile.js';
import { detectUefiFirmware } from '../create/uefi-firmware.js';
import { keepForeignMetadata } from './keep-foreign-metadata.js';
import { profileDiff, type FieldChange } from './profile-diff.js';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { templateOfXml } from '../../template/template-marker.js';

/** What apply did. */
export interface ApplyResult {
  readonly changes: readonly FieldChange[];
  readonly live: readonly string[];
  /** Fields (of `changes`) that take effect at the next boot; empty for a VM that is not running. */
  readonly nextBoot: readonly string[];
  /** Why something that could have been live was not (a failed hot-plug, memory above the maximum). */
  readonly notes: readonly string[];
}

const LIVE = 1;

/**
 * Change a running VM where libvirt can: memory within the boot-time maximum (balloon) and NICs added
 * at the end (hot-plug). `nics` counts as live only when the existing NICs are unchanged.
 */
async function applyLive(
  client: LibvirtClient,
  dom: DomainRef,
  old: VmProfile,
  target: VmProfile,
  facts: HostFacts,
): Promise<{ live: string[]; notes: string[] }> {
  const d = client.domains;
  const live: string[] = [];
  const notes: string[] = [];
  if (target.memoryMiB !== old.memoryMiB) {
    const maxMiB = Number((await d.getInfo(dom)).maxMemKiB) / 1024;
    if (!target.memballoon) notes.push('memory: the VM has no balloon');
    else if (target.memoryMiB > maxMiB) notes.push(`memory: above the running maximum of ${maxMiB} MiB`);
    else {
      await d.setMemoryFlags(dom, target.memoryMiB * 1024, LIVE).catch((err: unknown) => {
        throw fromLibvirtError(err, `setting the memory of VM ${target.name}`);
      });
      live.push(`memory: ${old.memoryMiB} MiB -> ${target.memoryMiB} MiB (balloon)`);
    }
  }
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
  const kept = old.nics.every((n, i) => same(n, target.nics[i]));
  const added = target.nics.slice(old.nics.length);
  if (kept && added.length > 0) {
    const attached: number[] = [];
    for (const [k, n] of added.entries()) {
      const i = old.nics.length + k;
      const one = profileToDomainXml({ ...target, nics: [n] }, facts);
      const iface = /<interface[\s\S]*?<\/interface>/.exec(one)?.[0] ?? '';
      const err = await d.attachDeviceFlags(dom, iface, LIVE).then(
        () => undefined,
        (e: unknown) => (e instanceof Error ? e.message : String(e)),
      );
      if (err === undefined) attached.push(i);
      else notes.push(`nics: NIC ${i} could not be hot-plugged: ${err}`);
    }
    if (attached.length === added.length) live.push(`nics: NIC ${attached.join(', ')} attached`);
  }
  return { live, notes };
}

/** A locally administered QEMU-range MAC for a NIC apply adds (the same one live and at next boot). */
function newMac(): string {
  return `52:54:00:${[...randomBytes(3)].map((b) => b.toString(16).padStart(2, '0')).join(':')}`;
}

function macsOf(xml: string): string[] {
  return [...xml.matchAll(/<mac address='([0-9a-f:]+)'\/>/g)].map((m) => m[1] ?? '');
}

/** Apply `profile` to the existing VM of the same name. */
export async function applyProfile(
  client: LibvirtClient,
  config: HvConfig,
  profile: VmProfile,
  options: { kvm: boolean; baseDir: string; dryRun?: boolean },
): Promise<ApplyResult> {
  const d = client.domains;
  const dom = await d.lookupByName(profile.name).catch((err: unknown) => {
    if (err instanceof LibvirtError && err.isNoDomain())
      throw new VmError(`no VM named ${profile.name}`, { code: 'VM_NOT_FOUND' });
    throw fromLibvirtError(err, `looking up VM ${profile.name}`);
  });
  const inactiveXml = await d.getXmlDesc(dom, 2);
  if (templateOfXml(inactiveXml) !== undefined) {
    // Rewriting a template would drop its read-only disks and change the base of its linked clones.
    throw new VmError(
      `cannot apply a profile to ${profile.name}: it is a template (sealed base of clones); ` +
        `clone it (hv vm clone ${profile.name} NEW) and apply to the clone`,
      { code: 'VM_STATE_INVALID', details: { name: profile.name, template: true } },
    );
  }
  const stored = domainXmlToProfile(inactiveXml);
  if (stored === undefined) throw new VmError(`VM ${profile.name} has no hv profile in its metadata`);
  const macs0 = macsOf(inactiveXml);
  const old: VmProfile = {
    ...stored.profile,
    nics: stored.profile.nics.map((n, i) =>
      n.mac === undefined && macs0[i] !== undefined ? { ...n, mac: macs0[i] } : n,
    ),
  };
  if (profile.disks.length !== old.disks.length) {
    throw new ValidationError('disks', `apply keeps the disks: the VM has ${old.disks.length}`, {
      value: profile.disks.length,
    });
  }
  const macs = macsOf(inactiveXml);
  const withState: VmProfile = {
    ...profile,
    // The disks stay the volumes they are: a file that omits `from` keeps the image recorded at create.
    disks: profile.disks.map((disk, i) => {
      const from = disk.from ?? old.disks[i]?.from;
      return from === undefined ? disk : { ...disk, from };
    }),
    nics: profile.nics.map((n, i) =>
      n.mac === undefined && macs[i] !== undefined ? { ...n, mac: macs[i] } : n,
    ),
    ...(profile.cloudInit === undefined && old.cloudInit !== undefined && { cloudInit: old.cloudInit }),
  };
  const changes = profileDiff(
    { ...old, tags: stored.tags },
    { ...withState, tags: stored.tags.length > 0 && profile.tags.length === 0 ? stored.tags : profile.tags },
  );
  if (changes.length === 0 || options.dryRun === true) return { changes, live: [], nextBoot: [], notes: [] };
  // An added NIC gets its MAC here, so the NIC attached live and the one defined for the next boot
  // are the same device (libvirt would pick two different MACs).
  const target: VmProfile = {
    ...withState,
    nics: withState.nics.map((n) => (n.mac === undefined ? { ...n, mac: newMac() } : n)),
  };
  const uuid = /<uuid>([^<]+)<\/uuid>/.exec(inactiveXml)?.[1];
  const uefi = target.firmware === 'uefi' ? await detectUefiFirmware(target.arch) : undefined;
  const facts = planHostFacts(target, {
    virtType: options.kvm ? 'kvm' : 'qemu',
    hostArch: archFromNode(process.arch) ?? 'x86_64',
    poolPath: config.storage.pool_path,
    imagesDir: config.images.dir,
    baseDir: options.baseDir,
    defaultNetwork: config.network.default,
    ...(uefi !== undefined && { uefi }),
    ...(uuid !== undefined && { uuid }),
  });
  const seed =
    /<source file='([^']*-cidata\.iso)'\/>/.exec(inactiveXml)?.[1] ??
    join(config.storage.pool_path, seedVolumeName(profile.name));
  const rendered = profileToDomainXml(
    target,
    { ...facts, ...(target.cloudInit !== undefined && { seedIsoPath: seed }) },
    {
      ...(stored.origin !== undefined && { origin: stored.origin }),
    },
  );
  // Snapshot policies, template markers and other programs' metadata are not the profile's to drop.
  const xml = keepForeignMetadata(inactiveXml, rendered);
  const running = (await d.getState(dom)).state === 1;
  const { live, notes } = running
    ? await applyLive(client, dom, old, target, facts)
    : { live: [] as string[], notes: [] as string[] };
  await d.defineXml(xml).catch((err: unknown) => {
    throw fromLibvirtError(err, `redefining VM ${profile.name}`);
  });
  if (target.autostart !== old.autostart) await d.setAutostart(dom, target.autostart);
  const nextBoot = running
    ? changes.map((c) => c.field).filter((f) => !live.some((l) => l.startsWith(`${f}:`)))
    : [];
  return { changes, live, nextBoot, notes };
}
