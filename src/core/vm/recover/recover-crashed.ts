// Why: `hv recover` replaces the seed's vm-cleanup timer (destroy + start every crashed VM, every six
// hours, forever: a VM that crashed at boot was restarted endlessly). Here every attempt is recorded in
// hv.db, attempts are spaced by a doubling backoff, and after max_attempts_per_day in 24 hours the VM is
// left alone and reported as "gave up". In one run a failed restart is retried after its backoff while
// the cap allows; a VM still inside its backoff from an earlier run is reported as waiting.
import { setTimeout as sleep } from 'node:timers/promises';
import type { LibvirtClient } from '../../../libvirt/index.js';
import { InterruptedError, VmError, type HvError } from '../../errors/index.js';
import { fromLibvirtError } from '../../libvirt-errors.js';
import { CAP_WINDOW_MS, decideRecovery, type RecoverConfig } from './decide-recovery.js';
import { findCrashedVms, type CrashedVm } from './find-crashed-vms.js';
import type { RecoveryLog } from './recovery-log.js';
import { isStillDown, restartCrashedVm } from './restart-crashed-vm.js';

/** What happened to one crashed VM. */
export interface RecoveryReport {
  readonly vm: CrashedVm;
  /**
   * restarted; would restart (dry run); waiting (backoff); gave up (cap); failed (interrupted/error);
   * already running (someone started it meanwhile: nothing done).
   */
  readonly result: 'restarted' | 'would restart' | 'waiting' | 'gave up' | 'failed' | 'already running';
  /** Attempts in the last 24 hours, this run's included. */
  readonly attempts: number;
  /** Attempts made by this run. */
  readonly attemptsThisRun: number;
  /** When the next attempt is allowed (waiting, gave up). */
  readonly nextAt?: Date;
  /** Why it is not running (the last attempt's error, or the cap). */
  readonly error?: HvError;
}

/** Options of {@link recoverCrashed}. */
export interface RecoverOptions {
  readonly config: RecoverConfig;
  readonly waitRunningMs: number;
  readonly dryRun?: boolean;
  readonly signal?: AbortSignal;
  /** The clock (tests); default `new Date()`. */
  readonly now?: () => Date;
  readonly onAttempt?: (vm: CrashedVm, attempt: number) => void;
  readonly onReport?: (r: RecoveryReport) => void;
}

function gaveUpError(vm: CrashedVm, attempts: number, nextAt: Date): VmError {
  return new VmError(
    `VM ${vm.name}: gave up: ${attempts} attempts today (in the last 24 h); next allowed after ${nextAt.toISOString()}`,
    { details: { name: vm.name, attempts, next_at: nextAt.toISOString() } },
  );
}

async function recoverOne(
  client: LibvirtClient,
  log: RecoveryLog,
  vm: CrashedVm,
  opts: RecoverOptions,
): Promise<RecoveryReport> {
  const now = opts.now ?? ((): Date => new Date());
  let made = 0;
  let lastError: HvError | undefined;
  for (;;) {
    const t = now();
    const history = log.since(vm.uuid, new Date(t.getTime() - CAP_WINDOW_MS)).map((a) => new Date(a.at));
    const d = decideRecovery(history, t, opts.config);
    const base = { vm, attempts: d.attempts, attemptsThisRun: made };
    if (d.action === 'gave up') {
      return { ...base, result: 'gave up', nextAt: d.nextAt, error: gaveUpError(vm, d.attempts, d.nextAt) };
    }
    if (d.action === 'wait' && made === 0) {
      const error = new VmError(
        `VM ${vm.name}: waiting: next restart allowed after ${d.nextAt.toISOString()} (backoff after ${d.attempts} attempts)`,
        { details: { name: vm.name, attempts: d.attempts, next_at: d.nextAt.toISOString() } },
      );
      return { ...base, result: 'waiting', nextAt: d.nextAt, error };
    }
    if (opts.dryRun === true) return { ...base, result: 'would restart' };
    if (d.action === 'wait') {
      try {
        const ms = d.nextAt.getTime() - t.getTime();
        await sleep(ms, undefined, opts.signal === undefined ? {} : { signal: opts.signal });
      } catch (err) {
        const error = new InterruptedError(`VM ${vm.name}: interrupted`, { cause: err });
        return { ...base, result: 'failed', error };
      }
      continue;
    }
    if (opts.signal?.aborted === true) {
      return {
        ...base,
        result: 'failed',
        error: lastError ?? new InterruptedError(`VM ${vm.name}: interrupted`),
      };
    }
    if (!(await isStillDown(client, vm.name).catch(() => true))) {
      return { ...base, result: 'already running' };
    }
    made += 1;
    opts.onAttempt?.(vm, d.attempts + 1);
    const at = now().toISOString();
    try {
      await restartCrashedVm(client, vm.name, {
        waitRunningMs: opts.waitRunningMs,
        ...(opts.signal !== undefined && { signal: opts.signal }),
      });
      log.record({ vmUuid: vm.uuid, vm: vm.name, at, foundState: vm.foundState, outcome: 'restarted' });
      return { vm, result: 'restarted', attempts: d.attempts + 1, attemptsThisRun: made };
    } catch (err) {
      lastError = fromLibvirtError(err, `VM ${vm.name}`);
      log.record({
        vmUuid: vm.uuid,
        vm: vm.name,
        at,
        foundState: vm.foundState,
        outcome: 'failed',
        errorCode: lastError.code,
        error: lastError.message,
      });
      if (lastError instanceof InterruptedError) {
        return { vm, result: 'failed', attempts: d.attempts + 1, attemptsThisRun: made, error: lastError };
      }
      if (d.attempts + 1 >= opts.config.max_attempts_per_day) {
        return { vm, result: 'failed', attempts: d.attempts + 1, attemptsThisRun: made, error: lastError };
      }
    }
  }
}

/**
 * Find the crashed VMs and recover each in turn (see the module comment). Never rejects for one VM.
 * @returns one report per crashed VM, sorted by name (empty: nothing crashed).
 */
export async function recoverCrashed(
  client: LibvirtClient,
  log: RecoveryLog,
  opts: RecoverOptions,
): Promise<RecoveryReport[]> {
  const crashed = await findCrashedVms(client, opts.signal);
  const reports: RecoveryReport[] = [];
  for (const vm of crashed) {
    const report = await recoverOne(client, log, vm, opts);
    reports.push(report);
    opts.onReport?.(report);
  }
  return reports;
}
