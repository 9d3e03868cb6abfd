// Why: a long-lived client (the daemon, a TUI) must survive libvirtd restarts. This session reconnects
// with backoff, re-runs the handshake, re-attaches event handlers and announces the reconnect so event
// registrations can be redone. Calls that were in flight when the link dropped fail: they may have run
// on the daemon already, and only the caller knows whether repeating them is safe.
import { LibvirtAbortError, LibvirtUnavailableError } from '../errors/index.js';
import type { ProcedureSpec } from './procedure-spec.js';
import type { RpcCallOptions, RpcConnection, RpcStreamResult } from './rpc-connection.js';
import { openSession, type OpenSessionOptions } from './session.js';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import type { MessageHandler } from './message-router.js';

/** Session options plus reconnect behaviour. */
export interface ReconnectingSessionOptions extends Omit<OpenSessionOptions, 'signal'> {
  /** Delays between reconnect attempts (default 100 ms doubling to 5 s, 20% jitter). */
  readonly backoff?: BackoffOptions;
  /** While disconnected, fail calls at once instead of waiting for the reconnect. */
  readonly failFast?: boolean;
  /** How to open a connection (default: openSession with these options). */
  readonly connect?: (signal: AbortSignal) => Promise<RpcConnection>;
}

interface Subscription {
  readonly program: number;
  readonly procedure: number;
  readonly handler: MessageHandler;
  off: (() => void) | undefined;
}

interface Waiter {
  resolve(conn: RpcConnection): void;
  reject(err: Error): void;
}

const DEFAULT_CALL_TIMEOUT_MS = 60_000;

/** A libvirt session that reconnects by itself; satisfies the API layer's RpcCaller. */
export class ReconnectingSession {
  readonly #options: ReconnectingSessionOptions;
  readonly #stop = new AbortController();
  readonly #subscriptions = new Set<Subscription>();
  readonly #waiters = new Set<Waiter>();
  readonly #reconnectHandlers = new Set<() => void>();
  readonly #disconnectHandlers = new Set<(err: Error) => void>();
  #conn: RpcConnection | undefined;
  #closed = false;
  #reconnecting = false;
  #reconnects = 0;
  #lastError: Error | undefined;

  /** Does not connect; use {@link ReconnectingSession.open} or {@link connect}. */
  constructor(options: ReconnectingSessionOptions) {
    this.#options = options;
  }

  /** Create a session and make its first connection (rejects, without retrying, if that fails). */
  static async open(options: ReconnectingSessionOptions): Promise<ReconnectingSession> {
    const session = new ReconnectingSession(options);
    await session.connect();
    return session;
  }

  /** Make the first connection (no retry: a wrong URI or credentials should surface at once). */
  async connect(): Promise<void> {
    if (this.#closed) throw new LibvirtUnavailableError('libvirt session is closed');
    if (this.#conn !== undefined) return;
    const conn = await this.#openConnection();
    if (this.closed) {
      conn.destroy();
      throw new LibvirtUnavailableError('libvirt session is closed');
    }
    this.#adopt(conn);
  }

  /** True after close(). */
  get closed(): boolean {
    return this.#closed;
  }

  /** True while a connection is up. */
  get connected(): boolean {
    return this.#conn !== undefined;
  }

  /** The current connection, if any (it changes after each reconnect). */
  get connection(): RpcConnection | undefined {
    return this.#conn;
  }

  /** How many times the session reconnected. */
  get reconnects(): number {
    return this.#reconnects;
  }

  /** Why the last reconnect attempt failed (or the link dropped), if it did. */
  get lastError(): Error | undefined {
    return this.#lastError;
  }

  /**
   * Call on the current connection. While disconnected: waits for the reconnect up to the call timeout
   * (or fails at once with `failFast`), rejecting with LibvirtUnavailableError. Calls in flight when
   * the link drops reject with LibvirtUnavailableError and are never retried.
   */
  async call<A, R>(spec: ProcedureSpec<A, R>, args: A, opts: RpcCallOptions = {}): Promise<R> {
    const { conn, rest } = await this.#ready(spec.name, opts);
    return conn.call(spec, args, rest);
  }

  /** Open a stream on the current connection (same waiting rules as {@link call}). */
  async openStream<A, R>(
    spec: ProcedureSpec<A, R>,
    args: A,
    opts: RpcCallOptions = {},
  ): Promise<RpcStreamResult<R>> {
    const { conn, rest } = await this.#ready(spec.name, opts);
    return conn.openStream(spec, args, rest);
  }

  /** Listen for MESSAGE packets; the subscription survives reconnects. Returns the unsubscribe. */
  onMessage(program: number, procedure: number, handler: MessageHandler): () => void {
    const sub: Subscription = { program, procedure, handler, off: undefined };
    this.#subscriptions.add(sub);
    if (this.#conn !== undefined) sub.off = this.#conn.onMessage(program, procedure, handler);
    return () => {
      this.#subscriptions.delete(sub);
      sub.off?.();
      sub.off = undefined;
    };
  }

  /** Called after each successful reconnect (the daemon forgot event registrations: redo them). */
  onReconnect(handler: () => void): () => void {
    this.#reconnectHandlers.add(handler);
    return () => {
      this.#reconnectHandlers.delete(handler);
    };
  }

  /** Called when the link drops unexpectedly (before reconnecting starts). */
  onDisconnect(handler: (err: Error) => void): () => void {
    this.#disconnectHandlers.add(handler);
    return () => {
      this.#disconnectHandlers.delete(handler);
    };
  }

  /** Stop reconnecting and close the connection gracefully. Waiting calls reject. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#stop.abort();
    const err = new LibvirtUnavailableError('libvirt session closed');
    for (const waiter of [...this.#waiters]) waiter.reject(err);
    this.#waiters.clear();
    const conn = this.#conn;
    this.#conn = undefined;
    await conn?.close();
  }

  #openConnection(): Promise<RpcConnection> {
    const custom = this.#options.connect;
    if (custom !== undefined) return custom(this.#stop.signal);
    return openSession({ ...this.#options, signal: this.#stop.signal });
  }

  #adopt(conn: RpcConnection): void {
    this.#conn = conn;
    for (const sub of this.#subscriptions) sub.off = conn.onMessage(sub.program, sub.procedure, sub.handler);
    conn.onClose((err) => {
      this.#onConnectionClosed(conn, err);
    });
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const waiter of waiters) waiter.resolve(conn);
  }

  #onConnectionClosed(conn: RpcConnection, err: Error | undefined): void {
    if (this.#conn !== conn) return;
    this.#conn = undefined;
    for (const sub of this.#subscriptions) sub.off = undefined;
    if (this.#closed) return;
    const reason = err ?? new LibvirtUnavailableError(`libvirt ${conn.description}: connection closed`);
    this.#lastError = reason;
    for (const handler of [...this.#disconnectHandlers]) {
      safely(() => {
        handler(reason);
      });
    }
    void this.#reconnectLoop();
  }

  async #reconnectLoop(): Promise<void> {
    if (this.#reconnecting) return;
    this.#reconnecting = true;
    try {
      for (let attempt = 0; !this.#closed; attempt += 1) {
        if (!(await sleep(backoffDelay(attempt, this.#options.backoff), this.#stop.signal))) return;
        let conn: RpcConnection;
        try {
          conn = await this.#openConnection();
        } catch (err) {
          this.#lastError = err instanceof Error ? err : new Error(String(err));
          continue;
        }
        if (this.closed) {
          conn.destroy();
          return;
        }
        this.#reconnects += 1;
        this.#adopt(conn);
        for (const handler of [...this.#reconnectHandlers]) safely(handler);
        return;
      }
    } finally {
      this.#reconnecting = false;
    }
  }

  /** The connection to use, waiting for a reconnect if allowed; `rest` carries the remaining timeout. */
  async #ready(name: string, opts: RpcCallOptions): Promise<{ conn: RpcConnection; rest: RpcCallOptions }> {
    const current = this.#conn;
    if (current !== undefined) return { conn: current, rest: opts };
    if (this.#closed) throw new LibvirtUnavailableError(`cannot call ${name}: libvirt session closed`);
    if (this.#options.failFast === true) {
      throw new LibvirtUnavailableError(
        `cannot call ${name}: libvirt connection lost, reconnecting`,
        this.#lastError === undefined ? {} : { cause: this.#lastError },
      );
    }
    const timeoutMs = opts.timeoutMs ?? this.#options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    const started = Date.now();
    const conn = await this.#waitForConnection(name, timeoutMs, opts.signal);
    if (timeoutMs === 0) return { conn, rest: opts };
    const remaining = Math.max(1, timeoutMs - (Date.now() - started));
    return { conn, rest: { ...opts, timeoutMs: remaining } };
  }

  #waitForConnection(
    name: string,
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<RpcConnection> {
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (): void => {
        this.#waiters.delete(waiter);
        if (timer !== undefined) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const waiter: Waiter = {
        resolve: (conn) => {
          finish();
          resolve(conn);
        },
        reject: (err) => {
          finish();
          reject(err);
        },
      };
      const onAbort = (): void => {
        waiter.reject(new LibvirtAbortError(`libvirt call ${name} aborted`, { cause: signal?.reason }));
      };
      if (signal?.aborted === true) {
        onAbort();
        return;
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      if (timeoutMs > 0) {
        timer = setTimeout(() => {
          const cause = this.#lastError;
          waiter.reject(
            new LibvirtUnavailableError(
              `cannot call ${name}: libvirt not reconnected within ${timeoutMs} ms`,
              cause === undefined ? {} : { cause },
            ),
          );
        }, timeoutMs);
        timer.unref();
      }
      this.#waiters.add(waiter);
    });
  }
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // A listener's failure must not stop the session from reconnecting.
  }
}

/** Resolves true after `ms`, or false at once when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
