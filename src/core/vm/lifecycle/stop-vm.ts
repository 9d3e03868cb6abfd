// Why: `hv stop` is a clean shutdown with a deadline: press the ACPI power button, wait (through lifecycle
// events, not polling) up to the timeout, then pull the plug unless told not to, and say which happened.
import { DomainShutdownFlags, type LibvirtClient } from '../../../libvirt/index.js';
import { InterruptedError, TimeoutError } from '../../errors/index.js';
import { openVm, vmCall, wrongStateError } from './open-vm.js';
import type { LifecycleResult } from './run-verb.js';
import { watchVmState } from './wait-for-vm-state.js';

/** Outcomes of {@link stopVm}. */
export type StopOutcome = 'shut down' | 'forced off' | 'already off';

/** A tick while waiting for the guest to power off (about once a second). */
export interface StopProgress {
  readonly name: string;
  readonly elapsedMs: number;
  readonly timeoutMs: number;
}

/** Options of {@link stopVm}. */
export interface StopVmOptions {
  /** Seconds to wait for the guest after the ACPI request (default 120). */
  readonly timeoutSeconds?: number;
  /** Force off after the timeout (default true); false: TIMEOUT instead. */
  readonly force?: boolean;
  /** Aborting ends the wait (INTERRUPTED); the VM is left as it is. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: StopProgress) => void;
}

/** Default `--timeout` of `hv stop`, seconds. @public */
export const DEFAULT_STOP_TIMEOUT_SECONDS = 120;

/** States in which the guest cannot react to the power button. */
const UNRESPONSIVE = new Set(['paused', 'crashed', 'pmsuspended', 'no state']);

/**
 * Shut VM `name` down via ACPI, wait up to the timeout, then force it off unless `force` is false.
 * A paused or crashed VM cannot react to ACPI: it is forced off at once (or refused with `force: false`).
 * @throws TimeoutError (TIMEOUT, exit 9) when `force` is false and the guest did not power off in time.
 */
export async function stopVm(
  client: LibvirtClient,
  name: string,
  opts: StopVmOptions = {},
): Promise<LifecycleResult<StopOutcome>> {
  const timeoutMs = (opts.timeoutSeconds ?? DEFAULT_STOP_TIMEOUT_SECONDS) * 1000;
  const force = opts.force ?? true;
  if (opts.signal?.aborted === true) throw new InterruptedError(`VM ${name}: interrupted`);
  const vm = await openVm(client, name);
  if (vm.state === 'shut off') return { outcome: 'already off' };
  if (UNRESPONSIVE.has(vm.state)) {
    if (!force) throw wrongStateError(name, 'shut down', vm.state, 'it cannot react to ACPI; use hv kill');
    await vmCall(name, () => client.domains.destroyFlags(vm.dom, 0));
    return { outcome: 'forced off' };
  }
  const watch = await watchVmState(client, vm.dom, opts.signal ? { signal: opts.signal } : {});
  const t0 = performance.now();
  const ticker =
    opts.onProgress === undefined
      ? undefined
      : setInterval(() => opts.onProgress?.({ name, elapsedMs: performance.now() - t0, timeoutMs }), 1000);
  try {
    if (vm.state !== 'in shutdown') {
      await vmCall(name, () => client.domains.shutdownFlags(vm.dom, DomainShutdownFlags.ACPI_POWER_BTN));
    }
    try {
      await watch.until((s) => s === 'shut off', { timeoutMs, ...(opts.signal && { signal: opts.signal }) });
      return { outcome: 'shut down' };
    } catch (err) {
      if (!(err instanceof TimeoutError)) throw err;
      if (!force) {
        throw new TimeoutError(
          `VM ${name} did not shut down within ${timeoutMs / 1000} s and --no-force was given; it is still running`,
          { details: { name, timeoutMs }, cause: err },
        );
      }
    }
    try {
      await vmCall(name, () => client.domains.destroyFlags(vm.dom, 0));
    } catch (err) {
      // The guest may have powered off between the deadline and the destroy call.
      if ((await openVm(client, name).catch(() => undefined))?.state === 'shut off') {
        return { outcome: 'shut down' };
      }
      throw err;
    }
    return { outcome: 'forced off' };
  } finally {
    clearInterval(ticker);
    await watch.close();
  }
}
