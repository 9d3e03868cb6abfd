// `hv template create VM [--name T]`: seal a shut-off VM into a template. Sealing rules (see
// docs/templates-and-clones.md): the VM must be shut off and have no snapshots (a revert would change
// the disks clones are backed by); it is optionally renamed; its writable disks become `<readonly/>`,
// `<hv:template>` is added to hv's metadata, autostart goes off (in libvirt and in hv's metadata);
// with resetIdentity its seed ISO loses its cloud-init instance-id. One define makes the seal.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { LibvirtClient } from '../../libvirt/index.js';
import type { HvConfig } from '../config/config-schema.js';
import { ConflictError, VmError } from '../errors/index.js';
import { fromLibvirtError } from '../libvirt-errors.js';
import { validateName } from '../validate/validate-name.js';
import { buildSeedIso } from '../vm/create/seed-iso.js';
import { deleteVolumeIfPresent } from '../vm/create/disk-volumes.js';
import { ensureVmPool } from '../vm/create/vm-pool.js';
import { cloneSources } from '../vm/clone/clone-sources.js';
import { readSeed, withoutInstanceId } from '../vm/clone/clone-seed.js';
import { uploadIntoPool } from '../storage/upload-into-pool.js';
import { findVm } from '../vm/manage/find-vm.js';
import { editHvMetadata } from '../vm/manage/hv-metadata-edit.js';
import { renameVm } from '../vm/manage/rename-vm.js';
import { defaultNetworkConfig } from '../vm/create/cloud-init-data.js';
import { sealDomainXml, templateOfXml } from './template-marker.js';

const SHUT_OFF = 5;

/** What was sealed. */
export interface CreatedTemplate {
  readonly name: string;
  readonly source: string;
  /** Disk targets made read-only. */
  readonly disks: readonly string[];
  readonly identityReset: boolean;
}

async function resetSeedIdentity(
  client: LibvirtClient,
  config: HvConfig,
  seed: string,
  signal?: AbortSignal,
): Promise<void> {
  const found = await readSeed(client, seed, signal);
  const dir = await mkdtemp(join(tmpdir(), 'hv-template-seed-'));
  try {
    const iso = join(dir, 'seed.iso');
    await buildSeedIso(iso, {
      userData: found.userData ?? '#cloud-config\n',
      metaData: withoutInstanceId(found.metaData ?? ''),
      networkConfig: found.networkConfig ?? defaultNetworkConfig(),
    });
    const pool = await ensureVmPool(client, config.storage.pool, config.storage.pool_path);
    await deleteVolumeIfPresent(client, pool, basename(seed));
    await uploadIntoPool(client, pool, basename(seed), iso, signal);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Seal VM `vm` as template `name` (default: the same name).
 * @throws ValidationError (4) bad names; VmError VM_NOT_FOUND (7), VM_STATE_INVALID (7) when it runs
 *   or has snapshots; ConflictError ALREADY_EXISTS (10) when it is already a template or `name` is taken.
 */
export async function createTemplate(
  client: LibvirtClient,
  config: HvConfig,
  vm: string,
  options: { name?: string; resetIdentity?: boolean; signal?: AbortSignal } = {},
): Promise<CreatedTemplate> {
  validateName('VM name', vm);
  const name = options.name ?? vm;
  validateName('template name', name);
  let dom = await findVm(client, vm);
  const d = client.domains;
  const xml0 = await d.getXmlDesc(dom, 2);
  if (templateOfXml(xml0) !== undefined)
    throw new ConflictError(`VM ${vm} is already a template`, { code: 'ALREADY_EXISTS' });
  if ((await d.getState(dom)).state !== SHUT_OFF) {
    throw new VmError(`cannot seal VM ${vm}: it is not shut off; stop it first: hv stop ${vm}`, {
      code: 'VM_STATE_INVALID',
    });
  }
  const snaps = await client.snapshots.listAll(dom).catch(() => []);
  if (snaps.length > 0) {
    throw new VmError(
      `cannot seal VM ${vm}: it has ${snaps.length} snapshot(s), and reverting one would change the disks ` +
        `clones are backed by; delete them first (hv snapshot list ${vm})`,
      { code: 'VM_STATE_INVALID' },
    );
  }
  if (name !== vm) {
    await renameVm(client, config, vm, name);
    dom = await findVm(client, name);
  }
  try {
    const xml = await d.getXmlDesc(dom, 2 | 1);
    const resetIdentity = options.resetIdentity === true;
    if (resetIdentity) {
      const { seed } = await cloneSources(client, name, xml, undefined, config.storage.pool_path);
      if (seed !== undefined) await resetSeedIdentity(client, config, seed, options.signal);
    }
    const sealed = sealDomainXml(xml, {
      sealedAt: new Date().toISOString(),
      source: vm,
      identityReset: resetIdentity,
    });
    await d.defineXml(sealed.xml).catch((err: unknown) => {
      throw fromLibvirtError(err, `sealing VM ${name}`);
    });
    await d.setAutostart(dom, false);
    await editHvMetadata(client, dom, { autostart: false }, false);
    return { name, source: vm, disks: sealed.disks, identityReset: resetIdentity };
  } catch (err) {
    if (name !== vm) await renameVm(client, config, name, vm).catch(() => undefined);
    throw err;
  }
}
