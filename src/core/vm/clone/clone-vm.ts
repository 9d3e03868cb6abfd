// `hv vm clone SRC NEW`: a new VM from a shut-off source (full: independent copies of its disks made
// by libvirt; linked: qcow2 overlays backed by a template's disks), with a new UUID, new MACs, a fresh
// cloud-init instance-id and hostname in its own seed ISO, and its own copy of the source's NVRAM
// (never its TPM state). Checks come first; every step then registers its undo and is written to
// create's journal beforehand, so a failure or Ctrl-C leaves nothing, and `hv gc` finds a killed one.
import { mkdtemp, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LibvirtClient } from '../../../libvirt/index.js';
import type { HvConfig } from '../../config/config-schema.js';
import { ConflictError, HvError, InterruptedError, VmError } from '../../errors/index.js';
import { fromLibvirtError } from '../../libvirt-errors.js';
import { domainXmlToProfile } from '../../profile/domain-xml/domain-xml-to-profile.js';
import { diskVolumeName, nvramVolumeName, seedVolumeName } from '../../profile/domain-xml/plan-host-facts.js';
import { Reverter } from '../../revert/reverter.js';
import { templateOfXml } from '../../template/template-marker.js';
import { validateName } from '../../validate/validate-name.js';
import { newInstanceId } from '../create/cloud-init-data.js';
import { CreateJournal } from '../create/create-journal.js';
import { deleteVolumeIfPresent } from '../create/disk-volumes.js';
import { cleanLeftoversOf } from '../create/leftovers.js';
import { buildSeedIso } from '../create/seed-iso.js';
import { ensureVmPool, listPoolVolumes } from '../create/vm-pool.js';
import { findVm } from '../manage/find-vm.js';
import { cloneDomainXml, cloneProfile, type CloneMode } from './clone-domain-xml.js';
import { cloneSeedDocuments, readSeed } from './clone-seed.js';
import { cloneSources } from './clone-sources.js';
import { copyVolume, createLinkedVolume } from './clone-volumes.js';
import { uploadIntoPool } from '../../storage/upload-into-pool.js';

const SHUT_OFF = 5;
const INACTIVE_SECURE = 2 | 1;
const UNDEFINE_ALL = 1 | 2 | 4 | 16;

/** Steps a test may fail after (HV_TEST_FAIL_AT=step) or pause at (pause:step). */
type CloneStep = 'pool' | 'disk' | 'seed' | 'nvram' | 'define' | 'start';

/** Inputs of {@link cloneVm}. */
export interface CloneVmInput {
  readonly config: HvConfig;
  readonly source: string;
  readonly name: string;
  readonly mode: CloneMode;
  readonly start?: boolean;
  readonly signal?: AbortSignal;
  readonly warn?: (message: string) => void;
  /** Copy progress of a full clone's disk `target`. */
  readonly onProgress?: (target: string, done: number, total: number) => void;
  /** Test hook (HV_TEST_FAIL_AT), as for create. */
  readonly failAt?: string;
}

/** What was made. */
export interface ClonedVm {
  readonly name: string;
  readonly source: string;
  readonly mode: CloneMode;
  readonly uuid: string;
  readonly macs: readonly string[];
  readonly volumes: readonly string[];
  readonly instanceId?: string;
  readonly started: boolean;
}

async function checkpoint(step: CloneStep, input: CloneVmInput): Promise<void> {
  const stop = (): never => {
    throw new InterruptedError(`clone of ${input.source} to ${input.name} interrupted`);
  };
  if (input.signal?.aborted === true) stop();
  if (input.failAt === step) throw new HvError('INTERNAL', `HV_TEST_FAIL_AT=${step}: injected failure`);
  if (input.failAt !== `pause:${step}`) return;
  await new Promise<void>((resolve) => {
    const t = setTimeout(resolve, 120_000);
    input.signal?.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });
  if (input.signal?.aborted === true) stop();
}

/** MACs in QEMU's 52:54:00 range that no defined domain uses, one per NIC. */
async function newMacs(client: LibvirtClient, count: number): Promise<string[]> {
  const used = new Set<string>();
  for (const d of await client.domains.listAll()) {
    const xml = await client.domains.getXmlDesc(d, 2).catch(() => '');
    for (const m of xml.matchAll(/<mac address=['"]([0-9a-fA-F:]+)['"]/g))
      used.add((m[1] ?? '').toLowerCase());
  }
  const out: string[] = [];
  while (out.length < count) {
    const mac = `52:54:00:${[...randomBytes(3)].map((b) => b.toString(16).padStart(2, '0')).join(':')}`;
    if (!used.has(mac)) {
      used.add(mac);
      out.push(mac);
    }
  }
  return out;
}

function refuseState(input: CloneVmInput, state: number, isTemplate: boolean): void {
  const { source } = input;
  if (state !== SHUT_OFF) {
    throw new VmError(
      `cannot clone VM ${source}: it is not shut off (its disks change while it runs); stop it first: hv stop ${source}`,
      { code: 'VM_STATE_INVALID', details: { vm: source, state } },
    );
  }
  if (input.mode === 'linked' && !isTemplate) {
    throw new VmError(
      `cannot make a linked clone of VM ${source}: it is not a template. A linked clone's disks are ` +
        `overlays backed by ${source}'s disks, which must then never change again; seal it first with ` +
        `hv template create ${source}, or make a full clone`,
      { code: 'VM_STATE_INVALID', details: { vm: source } },
    );
  }
}

/**
 * Clone `input.source` to `input.name`.
 * @throws ValidationError (exit 4) for a bad name; VmError VM_NOT_FOUND (7) for an unknown source,
 *   VM_STATE_INVALID (7) for a running source or a linked clone of a non-template; ConflictError
 *   ALREADY_EXISTS (10) when the name or a volume name is taken; anything else after reverting.
 */
export async function cloneVm(client: LibvirtClient, input: CloneVmInput): Promise<ClonedVm> {
  const { config, name, source, mode } = input;
  const warn = input.warn ?? (() => undefined);
  validateName('new name', name);
  validateName('source VM', source);
  const dom = await findVm(client, source);
  await cleanLeftoversOf(client, config, name);
  const taken = await findVm(client, name).then(
    () => true,
    (err: unknown) => {
      if (err instanceof VmError && err.code === 'VM_NOT_FOUND') return false;
      throw err;
    },
  );
  if (taken) throw new ConflictError(`VM ${name} already exists`, { code: 'ALREADY_EXISTS' });
  const d = client.domains;
  const xml = await d.getXmlDesc(dom, INACTIVE_SECURE);
  const template = templateOfXml(xml);
  refuseState(input, (await d.getState(dom)).state, template !== undefined);
  const pool = await ensureVmPool(client, config.storage.pool, config.storage.pool_path);
  const src = await cloneSources(client, source, xml, template, config.storage.pool_path);
  const stored = domainXmlToProfile(xml);
  await checkpoint('pool', input);
  const volOf = new Map(src.disks.map((disk, i) => [disk.target, diskVolumeName(name, i)]));
  const seedName = seedVolumeName(name);
  const nvramName = nvramVolumeName(name);
  const existing = new Set(await listPoolVolumes(client, pool));
  const wanted = [...volOf.values(), ...(src.seed ? [seedName] : []), ...(src.nvram ? [nvramName] : [])];
  for (const v of wanted) {
    if (existing.has(v)) {
      throw new ConflictError(
        `pool ${config.storage.pool} already has a volume ${v} (a leftover? see hv gc)`,
        {
          code: 'ALREADY_EXISTS',
        },
      );
    }
  }
  const at = (v: string): string => join(config.storage.pool_path, v);
  const journal = await CreateJournal.open(config.state_dir, name, config.storage.pool);
  const revert = new Reverter();
  const made: string[] = [];
  const track = async (v: string): Promise<void> => {
    await journal.volume(v);
    revert.add(`volume ${v}`, async () => {
      await deleteVolumeIfPresent(client, pool, v);
    });
    made.push(v);
  };
  try {
    for (const disk of src.disks) {
      const v = volOf.get(disk.target) ?? '';
      await track(v);
      if (mode === 'linked') await createLinkedVolume(client, pool, v, disk);
      else {
        await copyVolume(
          client,
          pool,
          v,
          { ...disk, format: 'qcow2' },
          {
            ...(input.signal !== undefined && { signal: input.signal }),
            ...(input.onProgress !== undefined && {
              onProgress: (done: number, total: number) => input.onProgress?.(disk.target, done, total),
            }),
          },
        );
      }
      await checkpoint('disk', input);
    }
    let instanceId: string | undefined;
    if (src.seed !== undefined) {
      instanceId = newInstanceId();
      const docs = cloneSeedDocuments(await readSeed(client, src.seed, input.signal), name, instanceId);
      const dir = await mkdtemp(join(tmpdir(), 'hv-clone-out-'));
      try {
        await buildSeedIso(join(dir, seedName), docs, input.signal);
        await track(seedName);
        await uploadIntoPool(client, pool, seedName, join(dir, seedName), input.signal);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
      await checkpoint('seed', input);
    }
    let nvram: string | null | undefined;
    if (src.nvram !== undefined) {
      const vol = await client.storage.lookupVolumeByPath(src.nvram).catch(() => undefined);
      if (vol === undefined) {
        warn(`NVRAM ${src.nvram} is not a libvirt volume: ${name} gets fresh UEFI variables`);
        nvram = null;
      } else {
        const info = await client.storage.getVolumeInfo(vol);
        await track(nvramName);
        await copyVolume(client, pool, nvramName, { vol, ...info, format: 'raw' });
        nvram = at(nvramName);
      }
      await checkpoint('nvram', input);
    }
    const ifaces = [...xml.matchAll(/<interface\b/g)].length;
    const macs = await newMacs(client, ifaces);
    const seed = src.seed === undefined ? undefined : { from: src.seed, to: at(seedName) };
    const profile =
      stored === undefined
        ? undefined
        : cloneProfile(stored.profile, {
            name,
            mode,
            macs,
            ...(seed !== undefined && { seed }),
            diskSources: new Map(src.disks.map((x) => [x.target, x.path])),
          });
    const cloneXml = cloneDomainXml(xml, {
      name,
      source,
      mode,
      disks: new Map([...volOf].map(([t, v]) => [t, at(v)])),
      ...(seed !== undefined && { seed }),
      ...(nvram !== undefined && { nvram }),
      macs,
      ...(profile !== undefined && { profile }),
      createdAt: new Date().toISOString(),
    });
    await journal.domain();
    const cloned = await d.defineXml(cloneXml).catch((err: unknown) => {
      throw fromLibvirtError(err, `defining VM ${name}`);
    });
    revert.add(`domain ${name}`, async () => {
      await d.destroyFlags(cloned).catch(() => undefined);
      await d.undefine(cloned, UNDEFINE_ALL);
    });
    await checkpoint('define', input);
    let started = false;
    if (input.start === true) {
      await d.createWithFlags(cloned).catch((err: unknown) => {
        throw fromLibvirtError(err, `starting VM ${name}`);
      });
      started = true;
      await checkpoint('start', input);
    }
    revert.success();
    await journal.close();
    const hex = cloned.uuid.toString('hex');
    return {
      name,
      source,
      mode,
      uuid: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
      macs,
      volumes: made,
      ...(instanceId !== undefined && { instanceId }),
      started,
    };
  } catch (err) {
    const report = await revert.revert();
    for (const f of report.failed) warn(`could not undo ${f.label}: ${String(f.error)} (hv gc retries)`);
    if (report.failed.length === 0) await journal.close();
    if (input.signal?.aborted === true && !(err instanceof InterruptedError)) {
      throw new InterruptedError(
        `clone of ${source} to ${name} interrupted; everything it made was removed`,
        {
          cause: err,
        },
      );
    }
    throw err;
  }
}
