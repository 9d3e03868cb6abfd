// Creating a VM from a profile: check everything first (name free, files inside the allowed roots,
// volume names free), then make the disks, the cloud-init seed, the domain, and optionally start it.
// Every step registers its undo in a Reverter and is written to a journal before it happens, so a
// failure or Ctrl-C leaves nothing behind, and a killed process leaves a journal `hv gc` undoes.
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LibvirtError, type LibvirtClient } from '../../../libvirt/index.js';
import type { HvConfig } from '../../config/config-schema.js';
import { ConflictError, HvError, InterruptedError } from '../../errors/index.js';
import { fromLibvirtError } from '../../libvirt-errors.js';
import { archFromNode, resolveVirtType } from '../../profile/domain-xml/host-facts.js';
import {
  diskVolumeName,
  nvramVolumeName,
  planHostFacts,
  seedVolumeName,
} from '../../profile/domain-xml/plan-host-facts.js';
import { profileToDomainXml } from '../../profile/domain-xml/profile-to-domain-xml.js';
import type { ProfileFormat } from '../../profile/parse-profile-text.js';
import type { VmProfile } from '../../profile/vm-profile.js';
import { Reverter } from '../../revert/reverter.js';
import {
  defaultNetworkConfig,
  generateUserData,
  metaData,
  newInstanceId,
  type CloudUser,
} from './cloud-init-data.js';
import { CreateJournal } from './create-journal.js';
import {
  createDiskVolume,
  deleteVolumeIfPresent,
  imageDiskSize,
  imageInfo,
  type DiskPlan,
} from './disk-volumes.js';
import { cleanLeftoversOf } from './leftovers.js';
import { resolveMedia, type MediaContext } from './resolve-media.js';
import { buildSeedIso } from './seed-iso.js';
import { detectUefiFirmware } from './uefi-firmware.js';
import { uploadIntoPool } from '../../storage/upload-into-pool.js';
import { ensureVmPool, listPoolVolumes } from './vm-pool.js';

/** undefine flags: managed save, snapshot and checkpoint metadata, NVRAM. */
const UNDEFINE_ALL = 1 | 2 | 4 | 16;

/** Steps a test may make fail (HV_TEST_FAIL_AT=step) or pause at (pause:step). */
/** @public */
export type CreateStep = 'pool' | 'disk' | 'seed' | 'define' | 'start';

/** Inputs of {@link createVm}. */
export interface CreateVmInput {
  readonly profile: VmProfile;
  readonly config: HvConfig;
  /** KVM works on this host (kvmUsable()). */
  readonly kvm: boolean;
  readonly media: Omit<MediaContext, 'roots' | 'imagesDir'>;
  /** Generate the seed's user-data (login user) when the profile names no user-data file. */
  readonly cloudUser?: CloudUser;
  /** Build a seed even when the profile has no cloud_init (cloud images need one). */
  readonly forceSeed?: boolean;
  readonly start?: boolean;
  readonly origin?: { format: ProfileFormat; file?: string };
  readonly signal?: AbortSignal;
  readonly warn?: (message: string) => void;
  /** Test hook (HV_TEST_FAIL_AT): `step` fails after that step; `pause:step` waits there until aborted. */
  readonly failAt?: string;
}

/** What was made. */
export interface CreatedVm {
  readonly name: string;
  readonly uuid: string;
  readonly virtType: 'kvm' | 'qemu';
  readonly volumes: readonly string[];
  readonly seedIso?: string;
  readonly instanceId?: string;
  readonly started: boolean;
}

function uuidString(b: Buffer): string {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

async function checkpoint(step: CreateStep, input: CreateVmInput): Promise<void> {
  if (input.signal?.aborted === true)
    throw new InterruptedError(`create of ${input.profile.name} interrupted`);
  if (input.failAt === step) throw new HvError('INTERNAL', `HV_TEST_FAIL_AT=${step}: injected failure`);
  if (input.failAt === `pause:${step}`) {
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, 120_000);
      input.signal?.addEventListener('abort', () => {
        clearTimeout(t);
        resolve();
      });
    });
    if (aborted(input.signal)) throw new InterruptedError(`create of ${input.profile.name} interrupted`);
  }
}

function aborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

async function refuseExisting(client: LibvirtClient, name: string): Promise<void> {
  const dom = await client.domains.lookupByName(name).catch((err: unknown) => {
    if (err instanceof LibvirtError && err.isNoDomain()) return undefined;
    throw fromLibvirtError(err, `looking up VM ${name}`);
  });
  if (dom !== undefined) throw new ConflictError(`VM ${name} already exists`, { code: 'ALREADY_EXISTS' });
}

async function planDisks(input: CreateVmInput, images: readonly (string | undefined)[]): Promise<DiskPlan[]> {
  const plans: DiskPlan[] = [];
  for (const [i, d] of input.profile.disks.entries()) {
    const image = images[i];
    if (image === undefined) {
      plans.push({ kind: 'blank', sizeBytes: d.sizeBytes ?? 0 });
      continue;
    }
    const info = await imageInfo(image, input.signal);
    const sizeBytes = imageDiskSize(`disks[${i}].size`, info, d.sizeBytes);
    plans.push({ kind: d.linked ? 'linked' : 'copy', image, info, sizeBytes });
  }
  return plans;
}

/**
 * Create (and optionally start) the VM the profile describes.
 * @throws ConflictError (exit 10) when the name or one of its volume names is taken; ValidationError
 *   (exit 4) for a bad path; anything else after reverting every step.
 */
export async function createVm(client: LibvirtClient, input: CreateVmInput): Promise<CreatedVm> {
  const { profile, config } = input;
  const name = profile.name;
  const warn = input.warn ?? (() => undefined);
  await cleanLeftoversOf(client, config, name);
  await refuseExisting(client, name);
  const media = await resolveMedia(profile, {
    ...input.media,
    imagesDir: config.images.dir,
    roots: [
      ...new Set([...config.allowed_roots, config.storage.pool_path, config.images.dir, config.backup.dir]),
    ],
  });
  const plans = await planDisks(input, media.diskImages);
  const resolved = resolveVirtType(profile.virtType, input.kvm);
  if (resolved.warning !== undefined) warn(resolved.warning);
  const ci = profile.cloudInit;
  const wantsSeed =
    media.seedIso === undefined &&
    (input.forceSeed === true ||
      input.cloudUser !== undefined ||
      (ci !== undefined && Object.keys(ci).length > 0));

  const uefi = profile.firmware === 'uefi' ? await detectUefiFirmware(profile.arch) : undefined;
  if (profile.firmware === 'uefi' && uefi === undefined) {
    warn('no UEFI firmware files found: libvirt chooses the firmware and keeps the NVRAM itself');
  }
  const nvramName = nvramVolumeName(name);
  const pool = await ensureVmPool(client, config.storage.pool, config.storage.pool_path);
  await checkpoint('pool', input);
  const volumeNames = profile.disks.map((_, i) => diskVolumeName(name, i));
  const seedName = seedVolumeName(name);
  const existing = new Set(await listPoolVolumes(client, pool));
  for (const v of [...volumeNames, ...(wantsSeed ? [seedName] : []), ...(uefi ? [nvramName] : [])]) {
    if (existing.has(v)) {
      throw new ConflictError(
        `pool ${config.storage.pool} already has a volume ${v} (a leftover? see hv gc)`,
        { code: 'ALREADY_EXISTS' },
      );
    }
  }

  const journal = await CreateJournal.open(config.state_dir, name, config.storage.pool);
  const revert = new Reverter();
  try {
    for (const [i, plan] of plans.entries()) {
      const vol = volumeNames[i] ?? '';
      await journal.volume(vol);
      revert.add(`volume ${vol}`, async () => {
        await deleteVolumeIfPresent(client, pool, vol);
      });
      await createDiskVolume(client, pool, vol, plan);
      await checkpoint('disk', input);
    }
    let instanceId: string | undefined;
    if (wantsSeed) {
      instanceId = newInstanceId();
      const read = (p: string | undefined): Promise<string | undefined> =>
        p === undefined ? Promise.resolve(undefined) : readFile(p, 'utf8');
      const docs = {
        userData: (await read(media.userData)) ?? generateUserData(name, input.cloudUser),
        metaData: metaData(name, instanceId, await read(media.metaData)),
        networkConfig: (await read(media.networkConfig)) ?? defaultNetworkConfig(),
      };
      const dir = await mkdtemp(join(tmpdir(), 'hv-seed-out-'));
      try {
        const iso = join(dir, seedName);
        await buildSeedIso(iso, docs, input.signal);
        await journal.volume(seedName);
        revert.add(`seed ${seedName}`, async () => {
          await deleteVolumeIfPresent(client, pool, seedName);
        });
        await uploadIntoPool(client, pool, seedName, iso, input.signal);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
      await checkpoint('seed', input);
    }
    if (uefi !== undefined) {
      const template = profile.secureBoot
        ? (uefi.secureBootVarsTemplate ?? uefi.varsTemplate)
        : uefi.varsTemplate;
      await journal.volume(nvramName);
      revert.add(`nvram ${nvramName}`, async () => {
        await deleteVolumeIfPresent(client, pool, nvramName);
      });
      await uploadIntoPool(client, pool, nvramName, template, input.signal);
    }
    const facts0 = planHostFacts(profile, {
      virtType: input.kvm ? 'kvm' : 'qemu',
      hostArch: archFromNode(process.arch) ?? 'x86_64',
      poolPath: config.storage.pool_path,
      imagesDir: config.images.dir,
      baseDir: input.media.baseDir,
      defaultNetwork: config.network.default,
      ...(uefi !== undefined && { uefi }),
    });
    const seedPath = join(config.storage.pool_path, seedName);
    const xmlProfile: VmProfile =
      wantsSeed && (ci === undefined || Object.keys(ci).length === 0)
        ? { ...profile, cloudInit: { seedIso: seedPath } }
        : profile;
    const facts = {
      ...facts0,
      ...(media.iso !== undefined && { isoPath: media.iso }),
      ...(wantsSeed
        ? { seedIsoPath: seedPath }
        : media.seedIso !== undefined
          ? { seedIsoPath: media.seedIso }
          : {}),
    };
    const xml = profileToDomainXml(xmlProfile, facts, {
      ...(input.origin !== undefined && { origin: input.origin }),
    });
    await journal.domain();
    const dom = await client.domains.defineXml(xml).catch((err: unknown) => {
      throw fromLibvirtError(err, `defining VM ${name}`);
    });
    revert.add(`domain ${name}`, async () => {
      await client.domains.destroyFlags(dom).catch(() => undefined);
      await client.domains.undefine(dom, UNDEFINE_ALL);
    });
    await checkpoint('define', input);
    if (profile.autostart) await client.domains.setAutostart(dom, true);
    let started = false;
    if (input.start === true) {
      await client.domains.createWithFlags(dom).catch((err: unknown) => {
        throw fromLibvirtError(err, `starting VM ${name}`);
      });
      started = true;
      await checkpoint('start', input);
    }
    revert.success();
    await journal.close();
    return {
      name,
      uuid: uuidString(dom.uuid),
      virtType: resolved.virtType,
      volumes: [...volumeNames, ...(wantsSeed ? [seedName] : []), ...(uefi ? [nvramName] : [])],
      ...(wantsSeed && { seedIso: seedPath }),
      ...(instanceId !== undefined && { instanceId }),
      started,
    };
  } catch (err) {
    const report = await revert.revert();
    for (const f of report.failed) warn(`could not undo ${f.label}: ${String(f.error)} (hv gc retries)`);
    if (report.failed.length === 0) await journal.close();
    if (input.signal?.aborted === true && !(err instanceof InterruptedError)) {
      throw new InterruptedError(`create of ${name} interrupted; everything it made was removed`, {
        cause: err,
      });
    }
    throw err;
  }
}
