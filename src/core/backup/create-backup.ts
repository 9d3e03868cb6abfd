// Why: `hv backup create` in one place, as steps with an undo: lock the VM, clean up what an
// interrupted run left, decide full or incremental, check free space (while the targets are made),
// copy (libvirt push job for a running VM, qemu-img for a stopped one), copy the NVRAM and TPM state,
// finish and hash the files, write the manifest last, rename, record in the catalog, and only then
// retire older checkpoints. Any failure, Ctrl-C or SIGTERM aborts the job, drops the checkpoint just
// made (so the chain stays usable) and removes the partial directory.
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { DomainState, DomainXMLFlags, type DomainRef, type LibvirtClient } from '../../libvirt/index.js';
import { CommandError, HvError, StorageError, ValidationError } from '../errors/index.js';
import { fromLibvirtError } from '../libvirt-errors.js';
import { hvVersion } from '../version.js';
import type { BackupCatalog } from './backup-catalog.js';
import {
  backupDirOf,
  checkpointNameOf,
  diskFileOf,
  newBackupId,
  partialDirOf,
  vmBackupDir,
} from './backup-layout.js';
import { MANIFEST_FORMAT, type BackupManifest, type ManifestDisk } from './backup-manifest.js';
import type { BackupProgress } from './backup-progress.js';
import { commitBackupDir, fsyncFile } from './commit-backup-dir.js';
import { copyLive, copyOffline, undoBackup, type BackupUndo } from './copy-disks.js';
import { checkpointChangedBytes, diskSizes, type DiskSizes } from './disk-estimates.js';
import { backupDisksOf, readDomainFacts, type DomainDisk, type DomainFacts } from './domain-disks.js';
import { ensureFreeSpace, freeBytes, saysOutOfSpace } from './free-space.js';
import { planBackupChain, type ChainBase, type ChainPlan } from './plan-backup-chain.js';
import { profileDocumentOf } from './profile-document-of.js';
import { ensureQemuCanWrite } from './qemu-access.js';
import { recoverLeftovers } from './recover-leftovers.js';
import { retireCheckpoints } from './retire-checkpoints.js';
import { readBackupDir } from './scan-backup-target.js';
import { sha256File } from './sha256-file.js';
import { acquireVmLock } from './vm-lock.js';
import { backupStateFiles, stateSourcesOf, type ManifestStateFile } from './vm-state-files.js';

/** What to back up and how. */
export interface CreateBackupRequest {
  readonly vm: string;
  /** Backup target directory. */
  readonly target: string;
  readonly full: boolean;
  readonly compress: boolean;
  readonly spaceCheck: boolean;
  readonly signal: AbortSignal;
  readonly warn: (message: string) => void;
  readonly onProgress?: ((p: BackupProgress) => void) | undefined;
}

/** A finished backup. */
export interface CreatedBackup {
  readonly id: string;
  readonly vm: string;
  readonly type: 'full' | 'incremental';
  readonly parent: string | null;
  /** Why it is full, when it is. */
  readonly fullReason?: string;
  readonly consistency: BackupManifest['consistency'];
  readonly dir: string;
  readonly sizeBytes: number;
  readonly seconds: number;
}

/** Services a backup needs. */
export interface BackupContext {
  readonly client: LibvirtClient;
  readonly catalog: BackupCatalog;
  readonly stateDir: string;
}

const LIVE_STATES = new Set<number>([
  DomainState.RUNNING,
  DomainState.BLOCKED,
  DomainState.PAUSED,
  DomainState.PMSUSPENDED,
  DomainState.SHUTDOWN,
]);

interface Prepared {
  dom: DomainRef;
  /** Ids of interrupted backups recovery just removed (never reused, to keep logs unambiguous). */
  abandonedIds: Set<string>;
  live: boolean;
  facts: DomainFacts;
  inactiveXml: string;
  disks: DomainDisk[];
  sizes: DiskSizes[];
  plan: ChainPlan;
}

/** Chain candidates from the catalog; the newest with a checkpoint gets its disks from its manifest. */
async function chainBases(ctx: BackupContext, vm: string, warn: (m: string) => void): Promise<ChainBase[]> {
  const entries = ctx.catalog.list(vm).filter((b) => b.checkpoint !== null);
  const newest = entries.at(-1);
  if (newest === undefined) return [];
  try {
    const found = await readBackupDir(newest.dir, newest.id);
    return [
      {
        id: newest.id,
        checkpoint: newest.checkpoint,
        startedAt: newest.startedAt,
        disks: found.manifest.disks,
      },
    ];
  } catch (err) {
    warn(`backup ${newest.id} cannot be read (${(err as Error).message}): the next backup is full`);
    return [];
  }
}

async function prepare(ctx: BackupContext, req: CreateBackupRequest): Promise<Prepared> {
  let dom: DomainRef;
  let live: boolean;
  let facts: DomainFacts;
  let inactiveXml: string;
  try {
    dom = await ctx.client.domains.lookupByName(req.vm);
    // Independent calls: one round trip's wait for all three.
    const [state, xml, inactive] = await Promise.all([
      ctx.client.domains.getState(dom),
      ctx.client.domains.getXmlDesc(dom, 0),
      ctx.client.domains.getXmlDesc(dom, DomainXMLFlags.INACTIVE | DomainXMLFlags.SECURE),
    ]);
    live = LIVE_STATES.has(state.state);
    facts = readDomainFacts(xml);
    inactiveXml = inactive;
  } catch (err) {
    throw fromLibvirtError(err, `VM ${req.vm}`);
  }
  const disks = backupDisksOf(facts);
  if (disks.length === 0) throw new ValidationError('vm', `VM ${req.vm} has no disk to back up`);
  // The sizes do not depend on what recovery finds: asked meanwhile.
  const sizing = diskSizes(ctx.client, dom, disks, live);
  sizing.catch(() => undefined); // awaited below
  await mkdir(vmBackupDir(req.target, req.vm), { recursive: true, mode: 0o711 });
  const recovery = await recoverLeftovers({
    client: ctx.client,
    dom,
    live,
    vm: req.vm,
    target: req.target,
    catalog: ctx.catalog,
    warn: req.warn,
  });
  // Recovery may have dropped orphan checkpoints and imported backups: both read after it.
  const [checkpoints, sizes, backups] = await Promise.all([
    ctx.client.checkpoints.listAll(dom).then(
      (list) => list.map((c) => c.name),
      (err: unknown) => {
        throw fromLibvirtError(err, `VM ${req.vm}`);
      },
    ),
    sizing,
    chainBases(ctx, req.vm, req.warn),
  ]);
  const plan = planBackupChain({
    forceFull: req.full,
    live,
    disks: disks.map((d, i) => ({
      target: d.target,
      ...(d.format === undefined ? {} : { format: d.format }),
      virtualSize: sizes[i]?.virtualSize ?? 0,
    })),
    backups,
    checkpoints,
  });
  const abandonedIds = new Set(
    recovery.removedPartials.map((d) => basename(d).replace(/^\.(partial|deleting)-/, '')),
  );
  return { dom, abandonedIds, live, facts, inactiveXml, disks, sizes, plan };
}

/** Bytes the backup will write (the free-space check). */
async function neededBytes(ctx: BackupContext, p: Prepared, compress: boolean): Promise<number> {
  const changed =
    p.plan.type === 'incremental' ? await checkpointChangedBytes(ctx.client, p.dom, p.plan.from) : undefined;
  const per = await Promise.all(p.sizes.map(async (s) => changed?.get(s.target) ?? s.fullBytes()));
  // Compressing keeps a disk's push file until its compressed copy is written: one disk more.
  return per.reduce((n, b) => n + b, 0) + (compress ? Math.max(0, ...per) : 0) + 16 * 1024 * 1024;
}

/**
 * Hash every backup file, all at once (one core each); their fsyncs run meanwhile and go on while the
 * manifest is written (`synced`, which the commit awaits before anything is renamed).
 */
async function hashDisks(
  req: CreateBackupRequest,
  p: Prepared,
  partialDir: string,
): Promise<{ disks: ManifestDisk[]; synced: Promise<unknown> }> {
  const files = p.disks.map((d) => diskFileOf(d.target));
  const synced = Promise.all(files.map((f) => fsyncFile(join(partialDir, f))));
  synced.catch(() => undefined); // awaited by the commit, or moot when hashing fails
  req.onProgress?.({ vm: req.vm, phase: 'hash', done: 0, total: p.disks.length });
  const out = await Promise.all(
    p.disks.map(async (d, i): Promise<ManifestDisk> => {
      const file = files[i] ?? diskFileOf(d.target);
      const h = await sha256File(join(partialDir, file), req.signal);
      return {
        target: d.target,
        source: d.source ?? null,
        format: d.format ?? null,
        virtualSize: p.sizes[i]?.virtualSize ?? 0,
        file,
        size: h.size,
        sha256: h.sha256,
      };
    }),
  );
  return { disks: out, synced };
}

/** An error from a step, as STORAGE_FULL when the target has run out of space. */
async function diagnose(err: unknown, dir: string): Promise<unknown> {
  if (err instanceof HvError && (err.code === 'STORAGE_FULL' || err.code === 'INTERRUPTED')) return err;
  const free = await freeBytes(dir).catch(() => undefined);
  const text = err instanceof CommandError ? `${err.message}\n${err.stderr}` : String(err);
  if (saysOutOfSpace(text) || (free !== undefined && free < 1024 * 1024)) {
    return new StorageError(`the backup target ${dir} is full: ${(err as Error).message}`, {
      code: 'STORAGE_FULL',
      cause: err,
      details: { dir, freeBytes: free },
    });
  }
  return err;
}

/** Back up one VM (see the module comment for the steps). */
export async function createBackup(ctx: BackupContext, req: CreateBackupRequest): Promise<CreatedBackup> {
  const lock = acquireVmLock(ctx.stateDir, 'backup', req.vm, `hv backup create ${req.vm}`);
  if (lock.tookOver !== undefined) {
    req.warn(`took over the backup lock of dead process ${lock.tookOver.pid} (${lock.tookOver.command})`);
  }
  const started = new Date();
  const u: BackupUndo = { jobRunning: false };
  let p: Prepared | undefined;
  const vmDir = vmBackupDir(req.target, req.vm);
  try {
    req.onProgress?.({ vm: req.vm, phase: 'prepare', done: 0, total: 0 });
    p = await prepare(ctx, req);
    const plan0 = p.plan;
    // The free-space check (an incremental asks libvirt for its changed bytes) runs while the partial
    // directory and the push targets are made; nothing is copied before it has passed.
    const spaceChecked = req.spaceCheck
      ? neededBytes(ctx, p, req.compress).then((needed) =>
          ensureFreeSpace(vmDir, needed, `${plan0.type} backup of ${req.vm}`),
        )
      : Promise.resolve();
    spaceChecked.catch(() => undefined); // awaited before any copy
    const abandoned = p.abandonedIds;
    const id = newBackupId(
      req.vm,
      started,
      (x) =>
        ctx.catalog.get(x) !== undefined ||
        existsSync(backupDirOf(req.target, req.vm, x)) ||
        abandoned.has(x),
    );
    const partialDir = partialDirOf(req.target, req.vm, id);
    await mkdir(partialDir, { mode: 0o711 });
    u.partialDir = partialDir;
    if (p.live) await ensureQemuCanWrite(partialDir, req.vm);
    const copy = {
      vm: req.vm,
      id,
      partialDir,
      disks: p.disks,
      virtualSizes: p.sizes.map((s) => s.virtualSize),
      compress: req.compress,
      signal: req.signal,
      warn: req.warn,
      onProgress: req.onProgress,
    };
    let plan = plan0;
    let consistency: BackupManifest['consistency'] = 'offline';
    // NVRAM and TPM state: copied as soon as the job runs (the disks' instant is then fixed), while
    // QEMU copies the disks; a stopped VM's after its disks.
    const takeState = (): Promise<ManifestStateFile[]> =>
      backupStateFiles(stateSourcesOf(p?.inactiveXml ?? ''), partialDir, req.warn, req.signal);
    let stateCopy: Promise<ManifestStateFile[]> | undefined;
    if (p.live) {
      const allTargets = p.facts.disks.map((d) => d.target);
      const r = await copyLive(
        {
          ...copy,
          client: ctx.client,
          dom: p.dom,
          allTargets,
          hasAgent: p.facts.hasAgentChannel,
          plan,
          preflight: spaceChecked,
          onStarted: () => (stateCopy = takeState()),
        },
        u,
      );
      plan = r.plan;
      consistency = r.freeze === 'frozen' ? 'filesystems-frozen' : 'crash-consistent';
    } else {
      await spaceChecked;
      await copyOffline(copy);
    }
    const state = await (stateCopy ?? takeState());
    const { disks, synced } = await hashDisks(req, p, partialDir);
    const manifest: BackupManifest = {
      format: MANIFEST_FORMAT,
      id,
      vm: { name: req.vm, uuid: p.facts.uuid },
      type: plan.type,
      mode: p.live ? 'live' : 'offline',
      parent: plan.type === 'incremental' ? plan.parent : null,
      checkpoint: plan.checkpoint ? checkpointNameOf(id) : null,
      incrementalFrom: plan.type === 'incremental' ? plan.from : null,
      consistency,
      compressed: req.compress,
      startedAt: started.toISOString(),
      endedAt: new Date().toISOString(),
      hvVersion: hvVersion(),
      host: hostname(),
      domainXml: p.inactiveXml,
      profile: profileDocumentOf(p.inactiveXml, req.warn),
      disks,
      state,
    };
    const finalDir = backupDirOf(req.target, req.vm, id);
    await commitBackupDir(partialDir, finalDir, manifest, synced);
    delete u.partialDir;
    ctx.catalog.record(manifest, finalDir, false);
    delete u.checkpoint;
    if (manifest.checkpoint !== null)
      await retireCheckpoints(ctx.client, p.dom, manifest.checkpoint, req.warn);
    return {
      id,
      vm: req.vm,
      type: plan.type,
      parent: manifest.parent,
      ...(plan.type === 'full' ? { fullReason: plan.reason } : {}),
      consistency,
      dir: finalDir,
      sizeBytes: disks.reduce((n, d) => n + d.size, 0),
      seconds: (Date.now() - started.getTime()) / 1000,
    };
  } catch (err) {
    const diagnosed = await diagnose(err, vmDir);
    if (p !== undefined) {
      await undoBackup(ctx.client, p.dom, u, req.warn, (dir) => rm(dir, { recursive: true, force: true }));
    }
    throw diagnosed;
  } finally {
    lock.release();
  }
}
