// Why: the two ways a backup copies disks. A running VM: one libvirt push job (with the checkpoint for
// the next incremental) into qcow2 files hv created, then each compressed when asked. A stopped VM: qemu-img
// reads each disk (through its backing chain) into the backup file; full only, no checkpoint, because
// libvirt 9.0 cannot create checkpoints of inactive domains. Both record what must be undone.
import { join } from 'node:path';
import type { DomainRef, LibvirtClient } from '../../libvirt/index.js';
import { HvError } from '../errors/index.js';
import { checkpointXml, pushBackupXml } from './backup-job-xml.js';
import { checkpointNameOf, diskFileOf } from './backup-layout.js';
import type { BackupProgress } from './backup-progress.js';
import type { DomainDisk } from './domain-disks.js';
import { startEarlyWriteback, type EarlyWriteback } from './early-writeback.js';
import { finishDiskImage } from './finish-disk-image.js';
import type { ChainPlan } from './plan-backup-chain.js';
import { watchJobEnd, type JobEndWatch } from './job-end-watch.js';
import {
  agentAnswers,
  beginPushJob,
  waitForPushJob,
  type FreezeOutcome,
  type PushJob,
} from './push-backup-job.js';
import { convertImage, createPushTarget } from './qemu-img.js';

/** What a failed backup must undo. */
export interface BackupUndo {
  /** A checkpoint this run created. */
  checkpoint?: string;
  /** The libvirt job may still run. */
  jobRunning: boolean;
  /** The partial directory to remove. */
  partialDir?: string;
}

/** Common inputs of both copy paths. */
export interface CopyRequest {
  readonly vm: string;
  readonly id: string;
  readonly partialDir: string;
  /** Disks backed up, with their guest-visible sizes (same order). */
  readonly disks: readonly DomainDisk[];
  readonly virtualSizes: readonly number[];
  readonly compress: boolean;
  readonly signal: AbortSignal;
  readonly warn: (message: string) => void;
  readonly onProgress?: ((p: BackupProgress) => void) | undefined;
}

/** Inputs of a live copy. */
export interface LiveCopyRequest extends CopyRequest {
  readonly client: LibvirtClient;
  readonly dom: DomainRef;
  /** Every disk target of the domain (those not backed up are listed as backup='no'). */
  readonly allTargets: readonly string[];
  readonly hasAgent: boolean;
  readonly plan: ChainPlan;
  /** A check that must pass before the job begins (it runs while the targets are made). */
  readonly preflight?: Promise<void>;
  /** Work to run while the job copies (started once it runs, awaited before copyLive returns). */
  readonly onStarted?: () => Promise<unknown>;
}

function pushFile(partialDir: string, target: string): string {
  return join(partialDir, `${target}.push.qcow2`);
}

/** Copy a running VM's disks; returns the plan actually used and whether the guest was frozen. */
export async function copyLive(
  r: LiveCopyRequest,
  u: BackupUndo,
): Promise<{ plan: ChainPlan; freeze: FreezeOutcome }> {
  const backed = r.disks.map((d) => d.target);
  const targets = backed.map((t) => ({ target: t, file: pushFile(r.partialDir, t) }));
  const skip = r.allTargets.filter((t) => t !== '' && !backed.includes(t));
  const ckName = r.plan.checkpoint ? checkpointNameOf(r.id) : undefined;
  let jobEnd: JobEndWatch | undefined;
  const job = (p: ChainPlan): PushJob => ({
    client: r.client,
    dom: r.dom,
    backupXml: pushBackupXml(targets, skip, p.type === 'incremental' ? p.from : undefined),
    ...(ckName === undefined
      ? {}
      : { checkpointXml: checkpointXml(ckName, `hv backup ${r.id}`, backed, skip) }),
    targetDir: r.partialDir,
    signal: r.signal,
    warn: r.warn,
    onProgress: (j) => r.onProgress?.({ vm: r.vm, phase: 'copy', ...j }),
    jobEnd,
  });
  let plan = r.plan;
  let freeze: FreezeOutcome;
  const start = async (p: ChainPlan): Promise<FreezeOutcome> => {
    r.onProgress?.({ vm: r.vm, phase: 'start', done: 0, total: 0 });
    // Subscribed before the job begins, so its end cannot be missed.
    const watching = jobEnd === undefined ? watchJobEnd(r.client, r.dom) : Promise.resolve(jobEnd);
    // The agent is asked while the targets are made (never throws: no answer means no freeze).
    const agent = r.hasAgent ? agentAnswers(r.client, r.dom, r.warn) : Promise.resolve(false);
    // hv creates the targets (REUSE_EXTERNAL): its own cluster layout, no backing file to remove
    // afterwards, and no image creation inside libvirt's BackupBegin.
    const [made, checked, watched] = await Promise.allSettled([
      Promise.all(targets.map((t, i) => createPushTarget(t.file, r.virtualSizes[i] ?? 0, p.type, r.signal))),
      r.preflight,
      watching,
    ]);
    if (watched.status === 'fulfilled') jobEnd = watched.value; // closed by the caller's finally
    // A failed check says why first (a full disk also fails the targets, less clearly).
    if (checked.status === 'rejected') throw checked.reason;
    if (made.status === 'rejected') throw made.reason;
    if (watched.status === 'rejected') throw watched.reason;
    return beginPushJob({ ...job(p), reuseTargets: true }, await agent);
  };
  // Uncompressed push files are the backup files: flush them while QEMU writes (compressed ones are
  // rewritten, and only the rewrite needs flushing).
  let writeback: EarlyWriteback | undefined;
  try {
    try {
      freeze = await start(plan);
    } catch (err) {
      if (plan.type !== 'incremental' || r.signal.aborted) throw err;
      // libvirt still lists the checkpoint but its bitmap is gone (a disk replaced by hand): go full.
      const why = (err as Error).message;
      r.warn(`incremental backup of ${r.vm} was refused (${why}); taking a full backup`);
      plan = { type: 'full', checkpoint: true, reason: `libvirt refused the incremental: ${why}` };
      freeze = await start(plan);
    }
    u.jobRunning = true;
    if (ckName !== undefined) u.checkpoint = ckName;
    const alongside = r.onStarted?.();
    alongside?.catch(() => undefined); // observed here, reported by the await below
    if (!r.compress) writeback = startEarlyWriteback(targets.map((t) => t.file));
    await waitForPushJob(job(plan));
    u.jobRunning = false;
    await alongside;
  } finally {
    await writeback?.stop();
    await jobEnd?.close();
  }
  r.onProgress?.({ vm: r.vm, phase: r.compress ? 'compress' : 'finish', done: 0, total: r.disks.length });
  const incremental = plan.type === 'incremental';
  // All disks at once: compression then uses every core.
  await Promise.all(
    r.disks.map((d, i) =>
      finishDiskImage({
        push: pushFile(r.partialDir, d.target),
        final: join(r.partialDir, diskFileOf(d.target)),
        incremental,
        compress: r.compress,
        virtualSize: r.virtualSizes[i] ?? 0,
        signal: r.signal,
      }),
    ),
  );
  return { plan, freeze };
}

/** Copy a stopped VM's disks with qemu-img (full). */
export async function copyOffline(r: CopyRequest): Promise<void> {
  for (const [i, d] of r.disks.entries()) {
    if (d.source === undefined || (d.type !== 'file' && d.type !== 'block')) {
      throw new HvError(
        'NOT_SUPPORTED',
        `disk ${d.target} of stopped VM ${r.vm} is a ${d.type} disk: only file and block disks are copied ` +
          'offline; start the VM for a live backup',
      );
    }
    r.onProgress?.({ vm: r.vm, phase: 'copy', done: i, total: r.disks.length, disk: d.target });
    await convertImage(d.source, join(r.partialDir, diskFileOf(d.target)), {
      compress: r.compress,
      ...(d.format === undefined ? {} : { sourceFormat: d.format }),
      signal: r.signal,
    });
  }
}

/** Undo a failed backup: abort the job, drop the new checkpoint, remove the partial directory. */
export async function undoBackup(
  client: LibvirtClient,
  dom: DomainRef,
  u: BackupUndo,
  warn: (message: string) => void,
  removeDir: (dir: string) => Promise<void>,
): Promise<void> {
  if (u.jobRunning) {
    try {
      await client.backups.abortJob(dom);
    } catch {
      // it may have ended by itself
    }
    try {
      await client.backups.waitForCompletion(dom, { timeoutMs: 30_000 });
    } catch (err) {
      warn(`the backup job of ${dom.name} may still run: ${(err as Error).message}`);
    }
  }
  if (u.checkpoint !== undefined) {
    try {
      await client.checkpoints.delete(await client.checkpoints.lookupByName(dom, u.checkpoint));
    } catch (err) {
      warn(`could not delete checkpoint ${u.checkpoint} (the next backup will): ${(err as Error).message}`);
    }
  }
  if (u.partialDir !== undefined) await removeDir(u.partialDir);
}
