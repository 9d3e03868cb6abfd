// Why: host shutdown stops VMs one at a time in the planned order (see plan-shutdown.ts), each with an
// ACPI request and its own deadline, then force off, so the host never hangs on a guest that ignores
// the power button. Sequential on purpose: the order is the point.
import type { LibvirtClient } from '../../../libvirt/index.js';
import { runBulk, type BulkResult } from '../bulk/run-bulk.js';
import type { LifecycleResult } from '../lifecycle/run-verb.js';
import { stopVm, type StopOutcome, type StopProgress } from '../lifecycle/stop-vm.js';
import type { ShutdownStep } from './plan-shutdown.js';

/** Options of {@link shutdownAll}. */
export interface ShutdownAllOptions {
  /** Seconds each VM gets after the ACPI request before it is forced off. */
  readonly timeoutSeconds: number;
  /** Aborting stops before the next VM; the one being stopped is left as it is. */
  readonly signal?: AbortSignal;
  readonly onStart?: (step: ShutdownStep) => void;
  readonly onProgress?: (p: StopProgress) => void;
  readonly onResult?: (r: BulkResult<LifecycleResult<StopOutcome>>) => void;
}

/** Stop the planned VMs in order; never rejects for one VM's failure. Results in plan order. */
export function shutdownAll(
  client: LibvirtClient,
  plan: readonly ShutdownStep[],
  opts: ShutdownAllOptions,
): Promise<BulkResult<LifecycleResult<StopOutcome>>[]> {
  const steps = new Map(plan.map((s) => [s.name, s]));
  return runBulk(
    plan.map((s) => s.name),
    (name, signal) => {
      const step = steps.get(name);
      if (step !== undefined) opts.onStart?.(step);
      return stopVm(client, name, {
        timeoutSeconds: opts.timeoutSeconds,
        force: true,
        signal,
        ...(opts.onProgress !== undefined && { onProgress: opts.onProgress }),
      });
    },
    {
      parallel: 1,
      ...(opts.signal !== undefined && { signal: opts.signal }),
      ...(opts.onResult !== undefined && { onResult: opts.onResult }),
    },
  );
}
