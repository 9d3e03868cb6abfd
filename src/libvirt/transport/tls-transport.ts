// Why: TLS with client certificates (`qemu+tls://host/system`) is libvirt's standard remote transport
// and the only network one besides SSH that needs no SASL (server: auth_tls="none"). Beyond the
// handshake, libvirtd checks our certificate and then sends one confirmation byte (0x01); waiting for
// it is what tells "rejected our certificate" apart from a working connection.
import { isIP } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import type { Duplex } from 'node:stream';
import { LIBVIRT_TLS_PORT } from './lazy-transport.js';
import { LibvirtAbortError, LibvirtAuthError, LibvirtProtocolError } from '../errors/index.js';
import type { Transport } from './transport.js';
import type { TlsCredentialPaths } from './tls-credential-paths.js';
import { loadTlsCredentials } from './load-tls-credentials.js';
import { hostPort, networkError } from './tcp-transport.js';
import { ConnectTimeoutError, waitForConnect } from './wait-for-connect.js';

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** Where to connect and with which credentials. */
export interface TlsTransportOptions {
  /** Host name or IP address; the server certificate must name it (default `localhost`). */
  readonly host?: string;
  /** Port (default 16514). */
  readonly port?: number;
  /** CA, client certificate and key files (see tlsCredentialPaths). */
  readonly credentials: TlsCredentialPaths;
  /** Check the server certificate (CA and name); false is libvirt's `no_verify=1`. Default true. */
  readonly verify?: boolean;
  /** Give up (TCP connect, handshake, confirmation) after this many ms (default 10000). */
  readonly connectTimeoutMs?: number;
}

const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
]);

/** Connects to libvirtd's TLS port with a client certificate. */
export class TlsTransport implements Transport {
  readonly description: string;
  readonly host: string;
  readonly port: number;
  readonly #opts: TlsTransportOptions;
  readonly #timeoutMs: number;

  constructor(options: TlsTransportOptions) {
    this.host = options.host ?? 'localhost';
    this.port = options.port ?? LIBVIRT_TLS_PORT;
    this.#opts = options;
    this.#timeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    this.description = `tls:${hostPort(this.host, this.port)}`;
  }

  /**
   * Read the credentials (again on every call, so renewed certificates are picked up), connect, check
   * the server and wait for libvirtd's confirmation. Rejects with LibvirtAuthError (credential files,
   * untrusted or misnamed server certificate, our certificate refused), LibvirtUnavailableError
   * (network) or LibvirtAbortError.
   */
  async open(signal?: AbortSignal): Promise<Duplex> {
    const creds = await loadTlsCredentials(this.#opts.credentials);
    const verify = this.#opts.verify ?? true;
    const socket = tlsConnect({
      host: this.host,
      port: this.port,
      secureContext: creds.context,
      ...(isIP(this.host) === 0 && { servername: this.host }),
      rejectUnauthorized: verify,
      ...(!verify && { checkServerIdentity: () => undefined }),
    });
    const wait = { timeoutMs: this.#timeoutMs, signal, target: this.description };
    try {
      await waitForConnect(socket, { event: 'secureConnect', ...wait });
      await waitForConfirmation(socket, { ...wait, clientCert: this.#opts.credentials.clientCert });
      socket.setNoDelay(true);
      return socket;
    } catch (err) {
      socket.destroy();
      throw this.#explain(err);
    }
  }

  #explain(err: unknown): Error {
    if (
      err instanceof LibvirtAbortError ||
      err instanceof LibvirtAuthError ||
      err instanceof LibvirtProtocolError
    ) {
      return err;
    }
    if (err instanceof ConnectTimeoutError) return networkError(err, this.description, '');
    const code = (err as NodeJS.ErrnoException).code ?? '';
    const detail = err instanceof Error ? err.message : String(err);
    const target = this.description;
    const { caCert, clientCert } = this.#opts.credentials;
    if (UNTRUSTED.has(code)) {
      return new LibvirtAuthError(
        `the server certificate of ${target} is not signed by the CA in ${caCert} (${detail}); ` +
          `use that server's CA certificate, or no_verify=1 to skip the check`,
        { cause: err },
      );
    }
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
      const e = err as { reason?: string; cert?: { subjectaltname?: string } };
      const listed = e.cert?.subjectaltname;
      const reason = `${e.reason ?? detail}${listed === undefined || listed === '' ? '' : ` (it lists ${listed})`}`;
      return new LibvirtAuthError(
        `the server certificate of ${target} does not name '${this.host}': ${reason}; connect by a name ` +
          `the certificate lists, or use no_verify=1 to skip the check`,
        { cause: err },
      );
    }
    if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID' || code === 'CERT_REVOKED') {
      return new LibvirtAuthError(`the server certificate of ${target} is not valid now: ${detail}`, {
        cause: err,
      });
    }
    if (code.startsWith('ERR_SSL_') && code.includes('ALERT')) {
      return rejectedUs(target, clientCert, detail, err);
    }
    return networkError(err, target, 'libvirtd --listen with listen_tls=1');
  }
}

function rejectedUs(target: string, clientCert: string, detail: string, cause?: unknown): LibvirtAuthError {
  return new LibvirtAuthError(
    `${target} refused our client certificate ${clientCert} (${detail}): it must be signed by a CA ` +
      `the server trusts and its DN must match the server's tls_allowed_dn_list`,
    cause === undefined ? {} : { cause },
  );
}

/** Wait for libvirtd's one-byte "your certificate is fine" message after the handshake. */
function waitForConfirmation(
  socket: TLSSocket,
  opts: { timeoutMs: number; signal: AbortSignal | undefined; target: string; clientCert: string },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error): void => {
      clearTimeout(timer);
      socket.off('readable', onReadable);
      socket.off('error', onError);
      socket.off('end', onEnd);
      socket.off('close', onEnd);
      opts.signal?.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve();
    };
    const onReadable = (): void => {
      const byte = socket.read(1) as Buffer | null;
      if (byte === null) return;
      if (byte[0] === 1) done();
      else
        done(
          new LibvirtProtocolError(
            `${opts.target} sent 0x${byte.toString('hex')} instead of the TLS confirmation byte`,
          ),
        );
    };
    const onError = (err: Error): void => {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      done(code.startsWith('ERR_SSL_') ? err : rejectedUs(opts.target, opts.clientCert, err.message, err));
    };
    const onEnd = (): void => {
      done(rejectedUs(opts.target, opts.clientCert, 'it closed the connection right after the handshake'));
    };
    const onAbort = (): void => {
      done(new LibvirtAbortError(`connecting to ${opts.target} aborted`, { cause: opts.signal?.reason }));
    };
    const timer = setTimeout(() => {
      done(new ConnectTimeoutError(`${opts.target} sent no TLS confirmation within ${opts.timeoutMs} ms`));
    }, opts.timeoutMs);
    timer.unref();
    socket.on('readable', onReadable);
    socket.once('error', onError);
    socket.once('end', onEnd);
    socket.once('close', onEnd);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
  });
}
