// Leftovers of creates that never finished (the process was killed): found by their journal in
// state_dir/creating, or as volumes named by hv's scheme (<vm>-diskN.qcow2, <vm>-cidata.iso,
// <vm>-nvram.fd) in hv's pool that no VM exists for and no domain uses. `hv gc` removes them; a create
// of the same name cleans its own first.
import { rm } from 'node:fs/promises';
import { LibvirtError, type LibvirtClient } from '../../../libvirt/index.js';
import type { HvConfig } from '../../config/config-schema.js';
import { ConflictError } from '../../errors/index.js';
import { fromLibvirtError } from '../../libvirt-errors.js';
import { processAlive, readJournals, type CreateJournalData } from './create-journal.js';
import { deleteVolumeIfPresent } from './disk-volumes.js';
import { ensureVmPool, type PoolRef } from './vm-pool.js';

const HV_VOLUME = /^(.+)-(?:disk\d+\.qcow2|cidata\.iso|nvram\.fd)$/;

/** One thing gc found. */
export interface Leftover {
  readonly kind: 'journal' | 'volume' | 'domain';
  readonly name: string;
  readonly vm: string;
  readonly reason: string;
}

/** The VM a volume name belongs to under hv's naming scheme, or undefined. */
export function vmOfVolume(volume: string): string | undefined {
  return HV_VOLUME.exec(volume)?.[1];
}

async function domainExists(client: LibvirtClient, name: string): Promise<boolean> {
  try {
    await client.domains.lookupByName(name);
    return true;
  } catch (err) {
    if (err instanceof LibvirtError && err.isNoDomain()) return false;
    throw fromLibvirtError(err, `looking up VM ${name}`);
  }
}

async function undoJournal(
  client: LibvirtClient,
  pool: PoolRef | undefined,
  data: CreateJournalData,
  dryRun: boolean,
): Promise<Leftover[]> {
  const out: Leftover[] = [];
  const why = `create interrupted (pid ${data.pid}, ${data.startedAt})`;
  if (data.domainDefined && (await domainExists(client, data.vm))) {
    out.push({ kind: 'domain', name: data.vm, vm: data.vm, reason: why });
    if (!dryRun) {
      const dom = await client.domains.lookupByName(data.vm);
      await client.domains.destroyFlags(dom).catch(() => undefined);
      await client.domains.undefine(dom, 1 | 2 | 4 | 16);
    }
  }
  for (const v of data.volumes) {
    if (pool === undefined) break;
    if (dryRun) {
      const vol = await client.storage.lookupVolumeByName(pool, v).catch(() => undefined);
      if (vol !== undefined) out.push({ kind: 'volume', name: v, vm: data.vm, reason: why });
    } else if (await deleteVolumeIfPresent(client, pool, v)) {
      out.push({ kind: 'volume', name: v, vm: data.vm, reason: why });
    }
  }
  return out;
}

/**
 * Undo the journal of an interrupted create of `vm`, if any.
 * @throws ConflictError (LOCK_HELD) while another live process is creating that VM.
 */
export async function cleanLeftoversOf(
  client: LibvirtClient,
  config: HvConfig,
  vm: string,
): Promise<Leftover[]> {
  const j = (await readJournals(config.state_dir)).find((x) => x.data?.vm === vm);
  if (j?.data === undefined) return [];
  if (j.data.pid !== process.pid && processAlive(j.data.pid)) {
    throw new ConflictError(`VM ${vm} is being created by process ${j.data.pid}`, { code: 'LOCK_HELD' });
  }
  const pool = await ensureVmPool(client, config.storage.pool, config.storage.pool_path);
  const found = await undoJournal(client, pool, j.data, false);
  await rm(j.path, { force: true });
  return [{ kind: 'journal', name: j.path, vm, reason: 'create interrupted' }, ...found];
}

/** Find (and unless dryRun, remove) every leftover of interrupted creates. */
export async function collectGarbage(
  client: LibvirtClient,
  config: HvConfig,
  options: { dryRun: boolean },
): Promise<Leftover[]> {
  const out: Leftover[] = [];
  const pool = await ensureVmPool(client, config.storage.pool, config.storage.pool_path);
  const busy = new Set<string>();
  for (const j of await readJournals(config.state_dir)) {
    if (j.data === undefined) continue;
    if (j.data.pid !== process.pid && processAlive(j.data.pid)) {
      busy.add(j.data.vm);
      continue;
    }
    out.push({ kind: 'journal', name: j.path, vm: j.data.vm, reason: 'create interrupted' });
    out.push(...(await undoJournal(client, pool, j.data, options.dryRun)));
    if (!options.dryRun) await rm(j.path, { force: true });
  }
  await client.storage.refreshPool(pool);
  const vols = await client.storage.listAllVolumes(pool);
  const used = new Set<string>();
  const names = new Set<string>();
  for (const d of await client.domains.listAll()) {
    names.add(d.name);
    const xml = await client.domains.getXmlDesc(d).catch(() => '');
    for (const m of xml.matchAll(/(?:file|path)='([^']+)'/g)) if (m[1] !== undefined) used.add(m[1]);
  }
  const taken = new Set(out.map((l) => l.name));
  for (const v of vols) {
    const vm = vmOfVolume(v.name);
    if (vm === undefined || names.has(vm) || busy.has(vm) || taken.has(v.name)) continue;
    const path = await client.storage.getVolumePath(v);
    if (used.has(path)) continue;
    out.push({ kind: 'volume', name: v.name, vm, reason: `VM ${vm} does not exist` });
    if (!options.dryRun) await client.storage.deleteVolume(v);
  }
  return out;
}
