// Why: every libvirt connection starts with the same handshake: authenticate (none or polkit; SASL is
// refused with a way out), open the driver URI, probe keepalive support. Doing it in one function that
// cleans up on any failure means callers get either a ready connection or one typed error.
import { LibvirtAuthError, LibvirtError } from '../errors/index.js';
import type { Transport } from '../transport/transport.js';
import { RpcConnection, type RpcConnectionOptions } from './rpc-connection.js';
import type { KeepaliveOptions } from './keepalive-monitor.js';
import {
  AuthType,
  CONNECT_RO,
  DrvFeature,
  authList,
  authPolkit,
  connectClose,
  connectOpen,
  connectSupportsFeature,
} from './handshake-procedures.js';

/** What to connect to and how. */
export interface OpenSessionOptions {
  readonly transport: Transport;
  /** Driver URI for CONNECT_OPEN (e.g. `qemu:///system`); null lets the daemon choose. */
  readonly name: string | null;
  /** Open read-only (VIR_CONNECT_RO). */
  readonly readOnly?: boolean;
  /** Keepalive tuning, or false to not start it (default: libvirt's 5 s x 5). */
  readonly keepalive?: KeepaliveOptions | false;
  /** Default per-call timeout of the connection (ms; 0 = none; default 60000). */
  readonly callTimeoutMs?: number;
  /** Aborts connecting and the handshake. */
  readonly signal?: AbortSignal;
  /** Further connection tuning (in-flight limit, message size, stream buffering). */
  readonly connection?: Omit<RpcConnectionOptions, 'description' | 'goodbye' | 'callTimeoutMs'>;
}

const SASL_MESSAGE =
  'SASL authentication is not supported by hv: configure auth_tls="none"/auth_unix_rw="none" or use qemu+ssh';
const GOODBYE_TIMEOUT_MS = 2000;

/**
 * Open the transport and run the handshake; resolves with a connection ready for calls. Its close()
 * sends CONNECT_CLOSE first. Rejects with LibvirtUnavailableError (cannot connect, link lost),
 * LibvirtAuthError (SASL only, polkit refused), LibvirtError (e.g. unknown driver URI),
 * LibvirtTimeoutError or LibvirtAbortError. Nothing stays open after a rejection.
 */
export async function openSession(opts: OpenSessionOptions): Promise<RpcConnection> {
  const socket = await opts.transport.open(opts.signal);
  const conn = new RpcConnection(socket, {
    ...opts.connection,
    description: opts.transport.description,
    ...(opts.callTimeoutMs === undefined ? {} : { callTimeoutMs: opts.callTimeoutMs }),
    goodbye: async (c) => {
      await c.call(connectClose, undefined, { timeoutMs: GOODBYE_TIMEOUT_MS });
    },
  });
  const callOpts = opts.signal === undefined ? {} : { signal: opts.signal };
  try {
    await authenticate(conn, callOpts);
    await conn.call(
      connectOpen,
      { name: opts.name, flags: opts.readOnly === true ? CONNECT_RO : 0 },
      callOpts,
    );
    if (opts.keepalive !== false) {
      const probe = { feature: DrvFeature.PROGRAM_KEEPALIVE };
      const { supported } = await conn.call(connectSupportsFeature, probe, callOpts);
      if (supported !== 0) conn.startKeepalive(opts.keepalive ?? {});
    }
    return conn;
  } catch (err) {
    conn.destroy();
    throw err;
  }
}

async function authenticate(conn: RpcConnection, callOpts: { signal?: AbortSignal }): Promise<void> {
  const { types } = await conn.call(authList, undefined, callOpts);
  if (types.length === 0 || types.includes(AuthType.NONE)) return;
  if (types.includes(AuthType.POLKIT)) {
    let complete: number;
    try {
      ({ complete } = await conn.call(authPolkit, undefined, callOpts));
    } catch (err) {
      if (!(err instanceof LibvirtError)) throw err;
      throw new LibvirtAuthError(`polkit refused access to libvirt ${conn.description}: ${err.message}`, {
        cause: err,
      });
    }
    if (complete === 0) {
      throw new LibvirtAuthError(`polkit authentication with libvirt ${conn.description} did not complete`);
    }
    return;
  }
  if (types.includes(AuthType.SASL)) throw new LibvirtAuthError(SASL_MESSAGE);
  throw new LibvirtAuthError(
    `libvirt ${conn.description} offers only unknown auth types: ${types.join(', ')}`,
  );
}
