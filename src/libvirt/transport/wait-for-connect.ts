// Why: TCP and TLS transports both need "wait for this socket to connect, but give up after a
// timeout or when the caller aborts, and never leak a half-open socket". One helper keeps the
// listener bookkeeping (the part that is easy to get wrong) in a single place.
import type { Duplex } from 'node:stream';
import { LibvirtAbortError } from '../errors/index.js';

/** Rejection reason when the peer did not answer in time (callers map it to their own error). */
export class ConnectTimeoutError extends Error {
  override readonly name = 'ConnectTimeoutError';
}

/** What to wait for and for how long. */
export interface WaitForConnectOptions {
  /** Event that means "ready": `connect` (net) or `secureConnect` (tls). */
  readonly event: 'connect' | 'secureConnect';
  /** Give up after this many ms. */
  readonly timeoutMs: number;
  /** Abort the attempt (rejects with LibvirtAbortError). */
  readonly signal?: AbortSignal | undefined;
  /** For the abort message, e.g. `tls:host:16514`. */
  readonly target: string;
}

/**
 * Resolve with `socket` once `event` fires. On error, timeout or abort the socket is destroyed and the
 * promise rejects with the socket's error, a {@link ConnectTimeoutError}, or a LibvirtAbortError.
 */
export function waitForConnect<S extends Duplex>(socket: S, opts: WaitForConnectOptions): Promise<S> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      socket.off(opts.event, onReady);
      socket.off('error', onError);
      socket.off('close', onClose);
    };
    const fail = (err: Error): void => {
      cleanup();
      socket.destroy();
      reject(err);
    };
    const onReady = (): void => {
      cleanup();
      resolve(socket);
    };
    const onError = (err: Error): void => {
      fail(err);
    };
    const onClose = (): void => {
      fail(new Error('the connection closed before it was established'));
    };
    const onAbort = (): void => {
      fail(new LibvirtAbortError(`connecting to ${opts.target} aborted`, { cause: opts.signal?.reason }));
    };
    const timer = setTimeout(() => {
      fail(new ConnectTimeoutError(`${opts.target} did not answer within ${opts.timeoutMs} ms`));
    }, opts.timeoutMs);
    timer.unref();
    if (opts.signal?.aborted === true) {
      onAbort();
      return;
    }
    socket.once(opts.event, onReady);
    socket.once('error', onError);
    socket.once('close', onClose);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
