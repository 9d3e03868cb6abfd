// `hv vm apply`: bring an existing VM to a changed profile, idempotently. The domain is redefined
// from the new profile with its UUID, its MACs (by NIC position) and its disk, seed and NVRAM volumes
// kept; on a running VM what libvirt can change live is changed live (memory within the maximum,
// vCPUs within the maximum, added NICs), and the rest waits for the next boot.
import { LibvirtError, type LibvirtClient } from '../../../libvirt/index.js';
import type { HvConfig } from '../../config/config-schema.js';
import { ValidationError, VmError } from '../../errors/index.js';
import { fromLibvirtError } from '../../libvirt-errors.js';
import { domainXmlToProfile } from '../../profile/domain-xml/domain-xml-to-profile.js';
import { archFromNode } from '../../profile/domain-xml/host-facts.js';
import { planHostFacts, seedVolumeName } from '../../profile/domain-xml/plan-host-facts.js';
import { profileToDomainXml } from '../../profile/domain-xml/profile-to-domain-xml.js';
import type { VmProfile } from '../../profile/vm-profile.js';
import { detectUefiFirmware } from '../create/uefi-firmware.js';
import { profileDiff, type FieldChange } from './profile-diff.js';
import { join } from 'node:path';

/** What apply did. */
export interface ApplyResult {
  readonly changes: readonly FieldChange[];
  readonly live: readonly string[];
  readonly nextBoot: readonly string[];
}

const LIVE = 1;

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
  if (changes.length === 0 || options.dryRun === true) return { changes, live: [], nextBoot: [] };
  const uuid = /<uuid>([^<]+)<\/uuid>/.exec(inactiveXml)?.[1];
  const uefi = withState.firmware === 'uefi' ? await detectUefiFirmware(withState.arch) : undefined;
  const facts = planHostFacts(withState, {
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
  const xml = profileToDomainXml(
    withState,
    { ...facts, ...(withState.cloudInit !== undefined && { seedIsoPath: seed }) },
    {
      ...(stored.origin !== undefined && { origin: stored.origin }),
    },
  );
  const running = (await d.getState(dom)).state === 1;
  const live: string[] = [];
  const nextBoot: string[] = [];
  if (running) {
    const info = await d.getInfo(dom);
    const maxKiB = Number(info.maxMemKiB);
    if (
      withState.memoryMiB !== old.memoryMiB &&
      withState.memoryMiB * 1024 <= maxKiB &&
      withState.memballoon
    ) {
      await d.setMemoryFlags(dom, withState.memoryMiB * 1024, LIVE);
      live.push(`memory: ${old.memoryMiB} MiB -> ${withState.memoryMiB} MiB (balloon)`);
    }
    for (const [i, n] of withState.nics.entries()) {
      if (i < old.nics.length) continue;
      const one = profileToDomainXml({ ...withState, nics: [n] }, facts);
      const iface = /<interface[\s\S]*?<\/interface>/.exec(one)?.[0];
      if (iface !== undefined) {
        const ok = await d.attachDeviceFlags(dom, iface, LIVE).then(
          () => true,
          () => false,
        );
        if (ok) live.push(`nics: NIC ${i} attached`);
      }
    }
  }
  await d.defineXml(xml).catch((err: unknown) => {
    throw fromLibvirtError(err, `redefining VM ${profile.name}`);
  });
  if (withState.autostart !== old.autostart) await d.setAutostart(dom, withState.autostart);
  if (running) {
    for (const c of changes) if (!live.some((l) => l.startsWith(c.field))) nextBoot.push(c.field);
  }
  return { changes, live, nextBoot };
}
