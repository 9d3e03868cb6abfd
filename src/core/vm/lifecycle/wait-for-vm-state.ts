// Why: "wait until the VM is off" must not poll or sleep. A watch subscribes to the VM's lifecycle events
// BEFORE the caller acts, then re-reads the state after each event (and once at the start), so a change
// that happens between acting and waiting is never missed.
import {
  LibvirtError,
  type DomainLifecycleEvent,
  type DomainRef,
  type EventSubscription,
  type LibvirtClient,
} from '../../../libvirt/index.js';
import { InterruptedError, TimeoutError, VmError } from '../../errors/index.js';
import { fromLibvirtError } from '../../libvirt-errors.js';
import { vmStateWord, type VmState } from '../vm-state.js';
import { findVm } from '../manage/find-vm.js';

/** How long to wait and what stops the wait early. */
export interface WaitOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/** A live subscription to one VM's lifecycle events. */
export interface VmStateWatch {
  /** The first state (read now, then after each event) for which `predicate` holds. */
  until(predicate: (state: VmState) => boolean, opts: WaitOptions): Promise<VmState>;
  /** Deregister. Idempotent. */
  close(): Promise<void>;
}

/** A VM that vanished (transient, destroyed) reads as shut off. */
async function readState(client: LibvirtClient, dom: DomainRef): Promise<VmState> {
  try {
    return vmStateWord((await client.domains.getState(dom)).state);
  } catch (err) {
    if (err instanceof LibvirtError && err.isNoDomain()) return 'shut off';
    throw fromLibvirtError(err, `VM ${dom.name}`);
  }
}

type Step = IteratorResult<DomainLifecycleEvent> | 'timeout' | 'abort';

/** Subscribe to `dom`'s lifecycle events; call before acting on the VM, close when done. */
export async function watchVmState(
  client: LibvirtClient,
  dom: DomainRef,
  opts: { readonly signal?: AbortSignal } = {},
): Promise<VmStateWatch> {
  let sub: EventSubscription<DomainLifecycleEvent>;
  try {
    sub = await client.events.domainLifecycle({ dom, ...(opts.signal && { signal: opts.signal }) });
  } catch (err) {
    if (opts.signal?.aborted === true) throw new InterruptedError(`watching VM ${dom.name}: interrupted`);
    throw fromLibvirtError(err, `watching VM ${dom.name}`);
  }
  // One outstanding next() at a time, kept across waits so no event is consumed by a lost race.
  let pending: Promise<IteratorResult<DomainLifecycleEvent>> | undefined;
  return {
    async until(predicate, w) {
      let timer: NodeJS.Timeout | undefined;
      let onAbort: (() => void) | undefined;
      const stop = new Promise<'timeout' | 'abort'>((resolve) => {
        timer = setTimeout(() => {
          resolve('timeout');
        }, w.timeoutMs);
        onAbort = () => {
          resolve('abort');
        };
        w.signal?.addEventListener('abort', onAbort, { once: true });
      });
      try {
        for (;;) {
          if (w.signal?.aborted === true)
            throw new InterruptedError(`waiting for VM ${dom.name}: interrupted`);
          const state = await readState(client, dom);
          if (predicate(state)) return state;
          pending ??= sub.next();
          const step: Step = await Promise.race([pending, stop]);
          if (step === 'timeout') {
            throw new TimeoutError(`VM ${dom.name} is still ${state} after ${w.timeoutMs / 1000} s`, {
              details: { name: dom.name, state, timeoutMs: w.timeoutMs },
            });
          }
          if (step === 'abort') throw new InterruptedError(`waiting for VM ${dom.name}: interrupted`);
          pending = undefined;
          if (step.done === true) {
            const last = await readState(client, dom);
            if (predicate(last)) return last;
            throw new VmError(`lost the event stream while waiting for VM ${dom.name}`);
          }
        }
      } finally {
        clearTimeout(timer);
        if (onAbort !== undefined) w.signal?.removeEventListener('abort', onAbort);
      }
    },
    close: () => sub.close(),
  };
}

/**
 * Wait until VM `name` is in a state for which `predicate` holds (checked at once, then after each
 * lifecycle event). Race-free for state predicates even when called after acting.
 * @throws TimeoutError (TIMEOUT) after `timeoutMs`; InterruptedError when `signal` aborts.
 */
export async function waitForVmState(
  client: LibvirtClient,
  name: string,
  predicate: (state: VmState) => boolean,
  opts: WaitOptions,
): Promise<VmState> {
  const dom = await findVm(client, name);
  const watch = await watchVmState(client, dom, opts.signal ? { signal: opts.signal } : {});
  try {
    return await watch.until(predicate, opts);
  } finally {
    await watch.close();
  }
}
