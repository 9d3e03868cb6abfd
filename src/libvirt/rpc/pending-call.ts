// Why: one outstanding call has a promise, a deadline and maybe an AbortSignal; all three must be
// released exactly once whichever way the call ends (reply, error, timeout, abort, connection loss),
// or timers and listeners leak for the life of a long-running daemon.
import type { ProcedureSpec } from './procedure-spec.js';
import { LibvirtAbortError, LibvirtTimeoutError } from '../errors/index.js';
import { onAbortShared } from './shared-abort-listener.js';

/** Why the caller gave up on a call before its reply. */
export type GiveUpReason = 'timeout' | 'abort';

/** One call from the moment `call()` is invoked until it settles. */
export class PendingCall {
  readonly spec: ProcedureSpec<unknown, unknown>;
  /** Encoded arguments (XDR). */
  readonly payload: Buffer;
  readonly promise: Promise<unknown>;
  /** Assigned when the call goes on the wire; 0 while queued. */
  serial = 0;
  #resolve!: (value: unknown) => void;
  #reject!: (err: Error) => void;
  #settled = false;
  #timer: NodeJS.Timeout | undefined;
  #unsubscribe: (() => void) | undefined;

  /**
   * @param onGiveUp invoked (once) on timeout or abort, after the promise was rejected, so the owner can
   * free the call's slot.
   */
  constructor(
    spec: ProcedureSpec<unknown, unknown>,
    payload: Buffer,
    timeoutMs: number,
    signal: AbortSignal | undefined,
    onGiveUp: (call: PendingCall, reason: GiveUpReason) => void,
  ) {
    this.spec = spec;
    this.payload = payload;
    this.promise = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    if (timeoutMs > 0) {
      this.#timer = setTimeout(() => {
        this.reject(
          new LibvirtTimeoutError(`libvirt call ${spec.name} timed out after ${timeoutMs} ms`, {
            procedure: spec.name,
            timeoutMs,
          }),
        );
        onGiveUp(this, 'timeout');
      }, timeoutMs);
      this.#timer.unref();
    }
    if (signal !== undefined) {
      this.#unsubscribe = onAbortShared(signal, () => {
        this.#unsubscribe = undefined;
        this.reject(new LibvirtAbortError(`libvirt call ${spec.name} aborted`, { cause: signal.reason }));
        onGiveUp(this, 'abort');
      });
    }
  }

  /** True once resolved or rejected. */
  get settled(): boolean {
    return this.#settled;
  }

  /** Resolve (ignored when already settled). */
  resolve(value: unknown): void {
    if (this.#release()) this.#resolve(value);
  }

  /** Reject (ignored when already settled). */
  reject(err: Error): void {
    if (this.#release()) this.#reject(err);
  }

  #release(): boolean {
    if (this.#settled) return false;
    this.#settled = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    return true;
  }
}
