// Why: `hv autostart run` executes the boot plan one VM at a time: wait the planned delay, start, wait
// until libvirt reports the VM running. A VM that fails is reported and the run goes on (one broken VM
// must not keep the rest of the host down); Ctrl-C stops before the next VM.
import { setTimeout as sleep } from 'node:timers/promises';
import type { LibvirtClient } from '../../../libvirt/index.js';
import { InterruptedError, type HvError } from '../../errors/index.js';
import { fromLibvirtError } from '../../libvirt-errors.js';
import { startVm } from '../lifecycle/start-vm.js';
import { waitForVmState } from '../lifecycle/wait-for-vm-state.js';
import type { AutostartStep } from './plan-autostart.js';

/** What happened to one step. */
export type AutostartResult =
  | { readonly step: AutostartStep; readonly ok: true; readonly outcome: string; readonly ms: number }
  | { readonly step: AutostartStep; readonly ok: false; readonly error: HvError; readonly ms: number }
  | { readonly step: AutostartStep; readonly ok: false; readonly skipped: true };

/**
 * Progress of a run, for the CLI's progress lines.
 * @public
 */
export type AutostartEvent =
  | { readonly kind: 'waiting'; readonly step: AutostartStep }
  | { readonly kind: 'starting'; readonly step: AutostartStep }
  | { readonly kind: 'done'; readonly result: AutostartResult };

/** Options of {@link runAutostart}. */
export interface RunAutostartOptions {
  /** How long to wait for a started VM to be reported running. */
  readonly waitRunningMs: number;
  readonly signal?: AbortSignal;
  readonly onEvent?: (e: AutostartEvent) => void;
}

/** True for a step that never ran because the run was interrupted. */
export function isNotRun(r: AutostartResult): r is Extract<AutostartResult, { skipped: true }> {
  return 'skipped' in r;
}

async function startOne(
  client: LibvirtClient,
  step: AutostartStep,
  opts: RunAutostartOptions,
): Promise<string> {
  const signal = opts.signal;
  const { outcome } = await startVm(client, step.name, signal === undefined ? {} : { signal });
  await waitForVmState(client, step.name, (s) => s === 'running' || s === 'idle', {
    timeoutMs: opts.waitRunningMs,
    ...(signal !== undefined && { signal }),
  });
  return outcome;
}

/** Run the plan in order. Never rejects for a VM's failure; results come back in plan order. */
export async function runAutostart(
  client: LibvirtClient,
  plan: readonly AutostartStep[],
  opts: RunAutostartOptions,
): Promise<AutostartResult[]> {
  const results: AutostartResult[] = [];
  const emit = (r: AutostartResult): void => {
    results.push(r);
    opts.onEvent?.({ kind: 'done', result: r });
  };
  const aborted = (): boolean => opts.signal?.aborted === true;
  for (const step of plan) {
    if (aborted()) {
      emit({ step, ok: false, skipped: true });
      continue;
    }
    if (step.action === 'skip') {
      emit({
        step,
        ok: true,
        outcome: step.state === 'paused' ? 'skipped (paused)' : 'already running',
        ms: 0,
      });
      continue;
    }
    try {
      if (step.delayBeforeMs > 0) {
        opts.onEvent?.({ kind: 'waiting', step });
        await sleep(step.delayBeforeMs, undefined, opts.signal === undefined ? {} : { signal: opts.signal });
      }
    } catch {
      emit({ step, ok: false, skipped: true });
      continue;
    }
    opts.onEvent?.({ kind: 'starting', step });
    const t0 = performance.now();
    try {
      emit({ step, ok: true, outcome: await startOne(client, step, opts), ms: performance.now() - t0 });
    } catch (err) {
      const error =
        aborted() && !(err instanceof InterruptedError)
          ? new InterruptedError(`VM ${step.name}: interrupted`, { cause: err })
          : fromLibvirtError(err, `VM ${step.name}`);
      emit({ step, ok: false, error, ms: performance.now() - t0 });
    }
  }
  return results;
}
