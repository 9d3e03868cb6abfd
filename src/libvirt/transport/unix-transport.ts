// Why: the local daemon can live at several socket paths (monolithic libvirtd or virtproxyd, modular
// virtqemud, read-only socket). Trying them in order and telling "nothing listens there" apart from
// "you may not connect" turns the two common set-up problems into distinct, actionable errors.
import { createConnection, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { LibvirtAbortError, LibvirtUnavailableError } from '../errors/index.js';
import type { Transport } from './transport.js';

/** Where to connect and how long to wait. */
export interface UnixTransportOptions {
  /** Preferred socket path, e.g. `/run/libvirt/libvirt-sock`. */
  readonly path: string;
  /** Tried in order when nothing listens at `path` (missing file or connection refused). */
  readonly fallbackPaths?: readonly string[];
  /** Give up on one path after this many ms (default 10000). */
  readonly connectTimeoutMs?: number;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** Errors meaning "no daemon there": try the next path. */
const NOT_LISTENING = new Set(['ENOENT', 'ECONNREFUSED', 'ENOTDIR']);
const PERMISSION = new Set(['EACCES', 'EPERM']);

class ConnectTimeout extends Error {}

/** Connects to a libvirt daemon's Unix socket, trying fallback paths in order. */
export class UnixTransport implements Transport {
  readonly description: string;
  /** Every path tried, in order. */
  readonly paths: readonly string[];
  readonly #timeoutMs: number;

  constructor(options: UnixTransportOptions) {
    this.paths = [options.path, ...(options.fallbackPaths ?? []).filter((p) => p !== options.path)];
    this.description = `unix:${options.path}`;
    this.#timeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  }

  /**
   * Connect. Rejects with LibvirtUnavailableError: `reason` 'not-running' when no path has a listener,
   * 'permission' when a socket refuses us (EACCES/EPERM), 'timeout' when the daemon does not accept;
   * LibvirtAbortError when `signal` aborts.
   */
  async open(signal?: AbortSignal): Promise<Duplex> {
    const missing: string[] = [];
    for (const path of this.paths) {
      try {
        return await connectOnce(path, this.#timeoutMs, signal);
      } catch (err) {
        if (err instanceof LibvirtAbortError) throw err;
        if (err instanceof ConnectTimeout) {
          throw new LibvirtUnavailableError(
            `libvirt socket ${path} did not accept a connection within ${this.#timeoutMs} ms`,
            { reason: 'timeout' },
          );
        }
        const code = (err as NodeJS.ErrnoException).code ?? '';
        if (PERMISSION.has(code)) {
          throw new LibvirtUnavailableError(
            `permission denied connecting to libvirt socket ${path}: run as root, join the libvirt group, ` +
              `or use the read-only socket`,
            { reason: 'permission', cause: err },
          );
        }
        if (!NOT_LISTENING.has(code)) {
          throw new LibvirtUnavailableError(`cannot connect to libvirt socket ${path}: ${String(err)}`, {
            cause: err,
          });
        }
        missing.push(`${path} (${code})`);
      }
    }
    throw new LibvirtUnavailableError(
      `no libvirt daemon is listening: tried ${missing.join(', ')}; is libvirtd (or virtqemud) running?`,
      { reason: 'not-running' },
    );
  }
}

function connectOnce(path: string, timeoutMs: number, signal: AbortSignal | undefined): Promise<Socket> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(new LibvirtAbortError('connecting to libvirt aborted', { cause: signal.reason }));
      return;
    }
    const socket = createConnection({ path });
    const cleanup = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.off('connect', onConnect);
      socket.off('error', onError);
    };
    const fail = (err: Error): void => {
      cleanup();
      socket.destroy();
      reject(err);
    };
    const onConnect = (): void => {
      cleanup();
      resolve(socket);
    };
    const onError = (err: Error): void => {
      fail(err);
    };
    const onAbort = (): void => {
      fail(new LibvirtAbortError('connecting to libvirt aborted', { cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      fail(new ConnectTimeout());
    }, timeoutMs);
    timer.unref();
    socket.once('connect', onConnect);
    socket.once('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
