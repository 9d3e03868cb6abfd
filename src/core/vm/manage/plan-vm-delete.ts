// What `hv vm delete` will remove, worked out before anything changes (so the confirmation can show
// it): the VM's own writable disks, hv's seed ISO, external snapshot overlays and memory files, and
// the backing files in hv's pool that only this VM's chain uses. Everything shared is listed as kept.
import { basename } from 'node:path';
import { uuidString, type LibvirtClient } from '../../../libvirt/index.js';
import type { HvConfig } from '../../config/config-schema.js';
import { fromLibvirtError } from '../../libvirt-errors.js';
import { classifyDisk, isInside, type OwnershipContext } from './disk-ownership.js';
import { domainDisks, nvramPath, snapshotFiles, type DomainDisk } from './domain-disks.js';
import { findVm, isActiveState } from './find-vm.js';
import { backingFilesOfPool, pathsUsedByOtherVms } from './storage-usage.js';

/** A path delete leaves alone, and why. */
export interface KeptPath {
  readonly path: string;
  readonly reason: string;
}

/** The plan of one VM's deletion. */
export interface VmDeletePlan {
  readonly name: string;
  /** The VM planned for: delete refuses a different VM that has the name by then. */
  readonly uuid: string;
  /** Running or paused: delete forces it off first. */
  readonly active: boolean;
  /** The VM's own storage, overlays before the files they are backed by. */
  readonly disks: readonly string[];
  readonly kept: readonly KeptPath[];
  /** The UEFI variable store (removed with the domain, also with --keep-disks). */
  readonly nvram?: string;
  readonly snapshots: number;
}

const FILE_DISK: DomainDisk = {
  target: '-',
  device: 'disk',
  type: 'file',
  readonly: false,
  shareable: false,
};

async function sourcePath(client: LibvirtClient, d: DomainDisk): Promise<string | undefined> {
  if (d.path !== undefined || d.pool === undefined || d.volume === undefined) return d.path;
  const s = client.storage;
  const pool = await s.lookupPoolByName(d.pool).catch(() => undefined);
  const vol = pool && (await s.lookupVolumeByName(pool, d.volume).catch(() => undefined));
  return vol && (await s.getVolumePath(vol).catch(() => undefined));
}

/** Overlays first: a path is emitted once no remaining own path is backed by it. */
function deletionOrder(own: Set<string>, backing: ReadonlyMap<string, string>): string[] {
  const left = new Set(own);
  const out: string[] = [];
  while (left.size > 0) {
    const ready = [...left].filter((p) => ![...left].some((q) => backing.get(q) === p));
    const next = ready.length > 0 ? ready : [...left];
    for (const p of next) {
      left.delete(p);
      out.push(p);
    }
  }
  return out;
}

/** Plan the deletion of VM `name` (reads only). @throws VmError VM_NOT_FOUND. */
export async function planVmDelete(
  client: LibvirtClient,
  config: HvConfig,
  name: string,
): Promise<VmDeletePlan> {
  const dom = await findVm(client, name);
  try {
    const d = client.domains;
    const active = isActiveState((await d.getState(dom)).state);
    const inactiveXml = await d.getXmlDesc(dom, 2);
    const xmls = active ? [inactiveXml, await d.getXmlDesc(dom, 0)] : [inactiveXml];
    const snaps = await client.snapshots.listAll(dom).catch(() => []);
    const snapFiles: string[] = [];
    for (const s of snaps) snapFiles.push(...snapshotFiles(await client.snapshots.getXmlDesc(s)));
    const ctx: OwnershipContext = {
      poolPath: config.storage.pool_path,
      imagesDir: config.images.dir,
      backupDir: config.backup.dir,
      usedElsewhere: await pathsUsedByOtherVms(client, dom),
    };
    const backing = await backingFilesOfPool(client, config.storage.pool);
    const own = new Set<string>();
    const kept = new Map<string, string>();
    const seen = new Set<string>();
    const consider = (disk: DomainDisk, path: string | undefined): void => {
      const key = path ?? `${disk.target}:${disk.pool ?? ''}/${disk.volume ?? ''}`;
      if (seen.has(key)) return;
      seen.add(key);
      const v = classifyDisk(disk, path, ctx);
      if (v.own) own.add(v.path);
      else kept.set(v.path, v.reason);
    };
    for (const xml of xmls) {
      for (const disk of domainDisks(xml)) consider(disk, await sourcePath(client, disk));
    }
    for (const f of snapFiles) consider(FILE_DISK, f);
    // Below an external snapshot's overlay is the VM's own disk: backing files in hv's pool that are
    // this VM's (named after it, or made by its snapshots) and that only its chain uses go too. Any
    // other backing file (a template or base image someone linked from) is never touched.
    const ownName = (base: string): boolean =>
      base.startsWith(`${dom.name}-disk`) && /^\d+\.qcow2$/.test(base.slice(dom.name.length + 5));
    const snapSet = new Set(snapFiles);
    const mine = (b: string): boolean =>
      isInside(config.storage.pool_path, b) && (snapSet.has(b) || ownName(basename(b)));
    for (let grew = true; grew;) {
      grew = false;
      for (const p of own) {
        const b = backing.get(p);
        if (b === undefined || seen.has(b) || !mine(b)) continue;
        consider(FILE_DISK, b);
        grew ||= own.has(b);
      }
    }
    // ...but never one that a volume outside the set is backed by.
    for (let shrank = true; shrank;) {
      shrank = false;
      for (const p of own) {
        const child = [...backing].find(([v, b]) => b === p && !own.has(v))?.[0];
        if (child === undefined) continue;
        own.delete(p);
        kept.set(p, `backing file of ${child}`);
        shrank = true;
      }
    }
    const nvram = nvramPath(inactiveXml);
    return {
      name: dom.name,
      uuid: uuidString(dom.uuid),
      active,
      disks: deletionOrder(own, backing),
      kept: [...kept].map(([path, reason]) => ({ path, reason })),
      ...(nvram !== undefined && { nvram }),
      snapshots: snaps.length,
    };
  } catch (err) {
    throw fromLibvirtError(err, `planning the deletion of VM ${name}`);
  }
}
