// Why: callers think in URIs (`qemu+ssh://root@kvm1/system`), not in transports and handshakes. This
// is the single entry point that parses the URI, picks the transport, sends the right CONNECT_OPEN
// name and returns either a one-shot connection or a self-healing session.
import { parseLibvirtUri, type LibvirtUri } from './transport/libvirt-uri.js';
import { remoteName } from './transport/remote-name.js';
import { transportForUri, type TransportSelectOptions } from './transport/select-transport.js';
import type { Transport } from './transport/transport.js';
import { openSession, type OpenSessionOptions } from './rpc/session.js';
import { ReconnectingSession } from './rpc/reconnecting-session.js';
import type { RpcConnection, RpcConnectionOptions } from './rpc/rpc-connection.js';
import type { KeepaliveOptions } from './rpc/keepalive-monitor.js';
import type { BackoffOptions } from './rpc/backoff.js';
import { LibvirtAbortError } from './errors/index.js';

/** Options of {@link connectLibvirt}. */
export interface ConnectLibvirtOptions {
  /** Open read-only (VIR_CONNECT_RO; `-ro` socket; `virt-ssh-helper -r`). */
  readonly readOnly?: boolean;
  /** Keepalive tuning, or false to not start it (default: libvirt's 5 s x 5). */
  readonly keepalive?: KeepaliveOptions | false;
  /** Default per-call timeout in ms (0 = none; default 60000). */
  readonly callTimeoutMs?: number;
  /** Per-attempt transport connect timeout in ms (transport default: 10 s; SSH 20 s). */
  readonly connectTimeoutMs?: number;
  /** Return a ReconnectingSession that survives daemon restarts (the first connect is not retried). */
  readonly reconnect?: boolean;
  /** Reconnect delays (reconnect only). */
  readonly backoff?: BackoffOptions;
  /** While reconnecting, fail calls at once instead of waiting (reconnect only). */
  readonly failFast?: boolean;
  /** Aborts the first connection attempt. */
  readonly signal?: AbortSignal;
  /** Further RpcConnection tuning (in-flight limit, message size, stream buffering). */
  readonly connection?: Omit<RpcConnectionOptions, 'description' | 'goodbye' | 'callTimeoutMs'>;
  /** Process facts for transport selection (uid, env, home, username); tests inject them. */
  readonly process?: Omit<TransportSelectOptions, 'readOnly' | 'connectTimeoutMs'>;
}

/** What {@link connectLibvirt} resolved the URI to, for messages and `hv doctor`. */
export interface ConnectPlan {
  readonly uri: LibvirtUri;
  readonly transport: Transport;
  /** The CONNECT_OPEN name; null lets the daemon choose its default driver (`remote://`). */
  readonly name: string | null;
}

/**
 * Parse `uri` and choose transport and CONNECT_OPEN name, without connecting.
 *
 * @throws LibvirtUriError for invalid or unsupported URIs.
 */
export function planConnection(uri: string, opts: ConnectLibvirtOptions = {}): ConnectPlan {
  const parsed = parseLibvirtUri(uri);
  const transport = transportForUri(parsed, {
    ...opts.process,
    ...(opts.readOnly !== undefined && { readOnly: opts.readOnly }),
    ...(opts.connectTimeoutMs !== undefined && { connectTimeoutMs: opts.connectTimeoutMs }),
  });
  const name = remoteName(parsed);
  return { uri: parsed, transport, name: name === '' ? null : name };
}

/**
 * Connect to libvirt at `uri` and run the handshake (auth, CONNECT_OPEN, keepalive).
 * Resolves with a ReconnectingSession when `reconnect` is true, else with an RpcConnection; both
 * satisfy the API layer's RpcCaller. Rejects with LibvirtUriError (bad URI), LibvirtUnavailableError,
 * LibvirtAuthError (credentials, host key, SASL-only daemon), LibvirtError (e.g. unknown driver),
 * LibvirtTimeoutError or LibvirtAbortError.
 */
export async function connectLibvirt(
  uri: string,
  opts: ConnectLibvirtOptions & { readonly reconnect: true },
): Promise<ReconnectingSession>;
export async function connectLibvirt(
  uri: string,
  opts?: ConnectLibvirtOptions & { readonly reconnect?: false },
): Promise<RpcConnection>;
export async function connectLibvirt(
  uri: string,
  opts?: ConnectLibvirtOptions,
): Promise<RpcConnection | ReconnectingSession>;
export async function connectLibvirt(
  uri: string,
  opts: ConnectLibvirtOptions = {},
): Promise<RpcConnection | ReconnectingSession> {
  const { transport, name } = planConnection(uri, opts);
  const session: Omit<OpenSessionOptions, 'signal'> = {
    transport,
    name,
    ...(opts.readOnly !== undefined && { readOnly: opts.readOnly }),
    ...(opts.keepalive !== undefined && { keepalive: opts.keepalive }),
    ...(opts.callTimeoutMs !== undefined && { callTimeoutMs: opts.callTimeoutMs }),
    ...(opts.connection !== undefined && { connection: opts.connection }),
  };
  if (opts.reconnect !== true) {
    return openSession({ ...session, ...(opts.signal !== undefined && { signal: opts.signal }) });
  }
  const rs = new ReconnectingSession({
    ...session,
    ...(opts.backoff !== undefined && { backoff: opts.backoff }),
    ...(opts.failFast !== undefined && { failFast: opts.failFast }),
  });
  const signal = opts.signal;
  const abortError = (): LibvirtAbortError =>
    new LibvirtAbortError(`connecting to ${uri} aborted`, { cause: signal?.reason });
  if (isAborted(signal)) throw abortError();
  const onAbort = (): void => void rs.close();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await rs.connect();
  } catch (err) {
    throw isAborted(signal) ? abortError() : err;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  return rs;
}

/** Read through a function so TypeScript does not keep an earlier narrowing of `aborted`. */
function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}
