// Why: the live part of a backup is one libvirt push job: freeze the guest's file systems when its agent
// answers (filesystem-consistent; the agent is pinged while the targets are made, so the freeze itself
// lasts only as long as BackupBegin), start the job with its checkpoint in one transaction, thaw at once,
// then poll job stats until QEMU has written every target file, polling again at once when libvirt's
// JOB_COMPLETED event comes. Polling survives a libvirtd restart (the reconnecting client answers
// again); a job that ends any way but "completed" is an error that says why, and a full target disk is
// STORAGE_FULL.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DomainBackupBeginFlags,
  DomainGetJobStatsFlags,
  DomainJobOperation,
  DomainJobType,
  LibvirtUnavailableError,
  type DomainRef,
  type LibvirtClient,
  type TypedParamRecord,
} from '../../libvirt/index.js';
import { InterruptedError, LibvirtOperationError, StorageError } from '../errors/index.js';
import { fromLibvirtError } from '../libvirt-errors.js';
import { freeBytes, saysOutOfSpace } from './free-space.js';
import type { JobEndWatch } from './job-end-watch.js';

/**
 * Progress of a running job in bytes.
 * @public
 */
export interface JobProgress {
  readonly done: number;
  readonly total: number;
}

/** What to run. */
export interface PushJob {
  readonly client: LibvirtClient;
  readonly dom: DomainRef;
  readonly backupXml: string;
  readonly checkpointXml?: string;
  /** The target files exist already (created by hv): BackupBegin's REUSE_EXTERNAL. */
  readonly reuseTargets?: boolean;
  /** Directory the targets are in (for the disk-full diagnosis). */
  readonly targetDir: string;
  readonly signal: AbortSignal;
  readonly warn: (message: string) => void;
  readonly onProgress?: (p: JobProgress) => void;
  /** Longest poll interval (default 250 ms); polling starts at 20 ms, so small jobs end quickly. */
  readonly intervalMs?: number;
  /** Wakes the poll loop when libvirt announces the job's end (subscribed before the job began). */
  readonly jobEnd?: JobEndWatch | undefined;
}

/** How the guest's file systems were treated. */
export type FreezeOutcome = 'frozen' | 'not-frozen';

function num(v: unknown): number {
  return typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : 0;
}

/**
 * Whether the guest agent answers a ping (3 s at most); warns when it does not, since the backup is then
 * only crash-consistent. Never throws.
 */
export async function agentAnswers(
  client: LibvirtClient,
  dom: DomainRef,
  warn: (message: string) => void,
): Promise<boolean> {
  try {
    await client.domains.agentCommand(dom, '{"execute":"guest-ping"}', 3);
    return true;
  } catch {
    warn(`VM ${dom.name}: no guest agent answers; the backup is crash-consistent (file systems not frozen)`);
    return false;
  }
}

/** Freeze the guest's file systems; returns how many froze, or undefined when the freeze failed. */
async function tryFreeze(job: PushJob): Promise<number | undefined> {
  try {
    return await job.client.domains.fsFreeze(job.dom);
  } catch (err) {
    job.warn(`VM ${job.dom.name}: fsfreeze failed (${(err as Error).message}); continuing crash-consistent`);
    return undefined;
  }
}

async function thaw(job: PushJob): Promise<void> {
  try {
    await job.client.domains.fsThaw(job.dom);
  } catch (err) {
    job.warn(`VM ${job.dom.name}: fsthaw failed (${(err as Error).message}); check the guest`);
  }
}

/**
 * Start the push job (BackupBegin, with the checkpoint when given), freezing the guest's file systems
 * around it when `agent` says its agent answered. Resolves once the job runs; the file systems are
 * thawed before this returns, whatever happened.
 */
export async function beginPushJob(job: PushJob, agent: boolean): Promise<FreezeOutcome> {
  const frozen = agent ? await tryFreeze(job) : undefined;
  try {
    const flags = job.reuseTargets === true ? DomainBackupBeginFlags.REUSE_EXTERNAL : 0;
    await job.client.backups.begin(job.dom, job.backupXml, job.checkpointXml, flags);
  } catch (err) {
    throw fromLibvirtError(err, `backup of VM ${job.dom.name}`);
  } finally {
    if (frozen !== undefined) await thaw(job);
  }
  // An agent that froze nothing (no mounted disk file systems) gives no more than crash consistency.
  return frozen !== undefined && frozen > 0 ? 'frozen' : 'not-frozen';
}

/** Job stats, retrying while libvirtd is away (restart) for up to `graceMs`. */
async function jobStats(
  job: PushJob,
  flags: number,
  graceMs = 60_000,
): Promise<{ type: number; stats: TypedParamRecord }> {
  const start = performance.now();
  for (;;) {
    try {
      return await job.client.backups.getJobStats(job.dom, flags);
    } catch (err) {
      if (!(err instanceof LibvirtUnavailableError) || performance.now() - start > graceMs) {
        throw fromLibvirtError(err, `backup of VM ${job.dom.name}`);
      }
      job.warn(`lost libvirtd while waiting for the backup of ${job.dom.name}; retrying`);
      await sleep(500);
    }
  }
}

async function failure(job: PushJob, stats: TypedParamRecord, how: string): Promise<Error> {
  const errmsg = typeof stats['errmsg'] === 'string' ? stats['errmsg'] : '';
  const free = await freeBytes(job.targetDir).catch(() => undefined);
  const full = saysOutOfSpace(errmsg);
  if (full || (free !== undefined && free < 1024 * 1024)) {
    return new StorageError(
      `backup of VM ${job.dom.name} ran out of space in ${job.targetDir}${errmsg ? `: ${errmsg}` : ''}`,
      {
        code: 'STORAGE_FULL',
        details: { dir: job.targetDir, freeBytes: free, errmsg },
      },
    );
  }
  return new LibvirtOperationError(`backup job of VM ${job.dom.name} ${how}${errmsg ? `: ${errmsg}` : ''}`, {
    details: { errmsg },
  });
}

/** Poll until the job has ended (woken early by `jobEnd`); resolve when it completed, throw otherwise. */
export async function waitForPushJob(job: PushJob): Promise<void> {
  const longest = job.intervalMs ?? 250;
  let interval = 20;
  // The event only cuts the wait short: libvirt sends it while it still holds the domain (QEMU may still
  // have the target files open); the next poll waits for the domain and so sees the job fully ended.
  const stopNap = new AbortController();
  void job.jobEnd?.ended.then(() => {
    stopNap.abort();
  });
  const nap = AbortSignal.any([job.signal, stopNap.signal]);
  for (;;) {
    if (job.signal.aborted) throw new InterruptedError(`interrupted during the backup of VM ${job.dom.name}`);
    const now = await jobStats(job, 0);
    if (now.type === DomainJobType.NONE) break;
    if (now.stats['operation'] !== undefined && num(now.stats['operation']) !== DomainJobOperation.BACKUP) {
      throw new LibvirtOperationError(
        `VM ${job.dom.name} runs another job (operation ${num(now.stats['operation'])})`,
      );
    }
    const total = num(now.stats['disk_total']);
    if (total > 0) job.onProgress?.({ done: num(now.stats['disk_processed']), total });
    // After the event, poll without pause until libvirt has let go of the job.
    await sleep(stopNap.signal.aborted ? 5 : interval, undefined, {
      signal: stopNap.signal.aborted ? job.signal : nap,
    }).catch(() => undefined);
    interval = Math.min(longest, interval * 1.5);
  }
  const done = await jobStats(job, DomainGetJobStatsFlags.COMPLETED);
  if (done.type === DomainJobType.COMPLETED) {
    const total = num(done.stats['disk_total']);
    job.onProgress?.({ done: total, total });
    return;
  }
  const how =
    done.type === DomainJobType.CANCELLED
      ? 'was cancelled'
      : done.type === DomainJobType.FAILED
        ? 'failed'
        : 'ended without a result (was libvirtd restarted?)';
  throw await failure(job, done.stats, how);
}
