// Why: plain TCP (`qemu+tcp://`) is libvirt's unencrypted transport. It is useful on loopback and in
// tests; on a real network the daemon normally demands SASL (which hv does not speak, so the
// session's AUTH_LIST reports it) and the traffic is readable by anyone on the path. Prefer TLS or SSH.
import { createConnection } from 'node:net';
import type { Duplex } from 'node:stream';
import { LibvirtAbortError, LibvirtUnavailableError } from '../errors/index.js';
import type { Transport } from './transport.js';
import { ConnectTimeoutError, waitForConnect } from './wait-for-connect.js';

/** libvirtd's default `tcp_port`. */
const LIBVIRT_TCP_PORT = 16509;
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** Where to connect. */
export interface TcpTransportOptions {
  /** Host name or IP address (default `localhost`). */
  readonly host?: string;
  /** Port (default 16509). */
  readonly port?: number;
  /** Give up after this many ms (default 10000). */
  readonly connectTimeoutMs?: number;
}

/** Connects to a libvirt daemon listening on plain TCP. */
export class TcpTransport implements Transport {
  readonly description: string;
  readonly host: string;
  readonly port: number;
  readonly #timeoutMs: number;

  constructor(options: TcpTransportOptions = {}) {
    this.host = options.host ?? 'localhost';
    this.port = options.port ?? LIBVIRT_TCP_PORT;
    this.#timeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    this.description = `tcp:${hostPort(this.host, this.port)}`;
  }

  /** Connect. Rejects with LibvirtUnavailableError (refused, unresolvable, timeout) or LibvirtAbortError. */
  async open(signal?: AbortSignal): Promise<Duplex> {
    const socket = createConnection({ host: this.host, port: this.port });
    try {
      const s = await waitForConnect(socket, {
        event: 'connect',
        timeoutMs: this.#timeoutMs,
        signal,
        target: this.description,
      });
      s.setNoDelay(true);
      return s;
    } catch (err) {
      throw networkError(err, this.description, 'libvirtd --listen with listen_tcp=1');
    }
  }
}

/** `host:port`, with brackets around IPv6 addresses. */
export function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Map a socket-level connect failure to hv's error types (shared with the TLS and SSH transports). */
export function networkError(err: unknown, target: string, listenHint: string): Error {
  if (err instanceof LibvirtAbortError) return err;
  if (err instanceof ConnectTimeoutError) {
    return new LibvirtUnavailableError(`${err.message} (firewall, or wrong host?)`, {
      reason: 'timeout',
      cause: err,
    });
  }
  const code = (err as NodeJS.ErrnoException).code ?? '';
  if (code === 'ECONNREFUSED') {
    return new LibvirtUnavailableError(`nothing listens at ${target} (needs ${listenHint})`, {
      reason: 'refused',
      cause: err,
    });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new LibvirtUnavailableError(`cannot resolve the host of ${target}`, {
      reason: 'unreachable',
      cause: err,
    });
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return new LibvirtUnavailableError(`no route to ${target}`, { reason: 'unreachable', cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new LibvirtUnavailableError(`cannot connect to ${target}: ${message}`, { cause: err });
}
