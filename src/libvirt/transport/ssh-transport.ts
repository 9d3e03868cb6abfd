// Why: SSH (`qemu+ssh://root@host/system`) is how most people reach a remote libvirt: no certificates,
// only an account. hv speaks SSH itself (package ssh2) so it needs no ssh binary or tty, checks the
// host key against known_hosts like OpenSSH, and runs libvirt's remote proxy (virt-ssh-helper or nc)
// whose stdio then carries the RPC stream.
import { appendFile } from 'node:fs/promises';
import type { Duplex } from 'node:stream';
import ssh2 from 'ssh2';
import type {
  AuthenticationType,
  ClientChannel,
  ConnectConfig,
  NextAuthHandler,
  ServerHostKeyAlgorithm,
} from 'ssh2';
import { LibvirtAbortError, LibvirtAuthError, LibvirtUnavailableError } from '../errors/index.js';
import type { Transport } from './transport.js';
import { sshAuthMethods, type SshAuthMethod } from './ssh-auth-methods.js';
import { SshChannelStream } from './ssh-channel-stream.js';
import { hostKeyAlgorithms, HostKeyChecker, type HostKeyPolicy } from './host-key-checker.js';
import { hostPort, networkError } from './tcp-transport.js';

const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;

/** Everything one SSH connection needs. */
export interface SshTransportOptions {
  readonly host?: string;
  /** Default 22. */
  readonly port?: number;
  readonly user: string;
  /** The remote command whose stdio is the RPC stream (see sshProxyCommand). */
  readonly command: string;
  /** known_hosts file (default `~/.ssh/known_hosts`). */
  readonly knownHosts: string;
  /** normal: refuse unknown and changed keys; auto: accept and record unknown ones; ignore: accept all. */
  readonly hostKeyPolicy: HostKeyPolicy;
  /** `?keyfile=` */
  readonly keyfile?: string | undefined;
  /** `?sshauth=` */
  readonly sshauth?: string | undefined;
  readonly home: string;
  readonly agentSocket?: string | undefined;
  /** TCP connect + SSH handshake + authentication (default 20000 ms). */
  readonly connectTimeoutMs?: number;
}

/** Opens an SSH connection and runs libvirt's remote proxy on it. */
export class SshTransport implements Transport {
  readonly description: string;
  readonly #o: SshTransportOptions;
  readonly #host: string;
  readonly #port: number;

  constructor(options: SshTransportOptions) {
    this.#o = options;
    this.#host = options.host ?? 'localhost';
    this.#port = options.port ?? 22;
    this.description = `ssh:${options.user}@${hostPort(this.#host, this.#port)}`;
  }

  /**
   * Connect, verify the host key, authenticate and start the proxy. Rejects with LibvirtAuthError
   * (host key unknown/changed/revoked, no accepted key), LibvirtUnavailableError (network, exec) or
   * LibvirtAbortError.
   */
  async open(signal?: AbortSignal): Promise<Duplex> {
    if (signal?.aborted === true) throw new LibvirtAbortError(`connecting to ${this.description} aborted`);
    const o = this.#o;
    const checker = await HostKeyChecker.load(o.knownHosts, this.#host, this.#port, o.hostKeyPolicy);
    const { methods, notes } = await sshAuthMethods({
      keyfile: o.keyfile,
      home: o.home,
      agentSocket: o.agentSocket,
      sshauth: o.sshauth,
    });
    if (methods.length === 0) {
      throw new LibvirtAuthError(
        `no way to authenticate to ${this.description}: ${notes.join('; ') || 'no keys'}`,
      );
    }
    const tried: string[] = [];
    const remaining = [...methods];
    const client = new ssh2.Client();
    const config: ConnectConfig = {
      host: this.#host,
      port: this.#port,
      username: o.user,
      readyTimeout: o.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      algorithms: { serverHostKey: hostKeyAlgorithms(checker.knownTypes) as ServerHostKeyAlgorithm[] },
      hostVerifier: (key: Buffer) => checker.accept(key),
      authHandler: (_left: AuthenticationType[] | null, _partial: boolean | null, next: NextAuthHandler) => {
        const m = remaining.shift();
        if (m === undefined) {
          next(false as unknown as AuthenticationType);
          return;
        }
        tried.push(m.type === 'agent' ? `agent ${m.socket}` : `key ${m.path}`);
        next(toAuth(m, o.user));
      },
    };
    // One persistent 'error' listener (ssh2 errors after the handshake would otherwise crash the
    // process); what it does depends on the phase.
    let onClientError: (err: Error & { level?: string }) => void = () => undefined;
    client.on('error', (err: Error & { level?: string }) => {
      onClientError(err);
    });
    const connected = new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        client.end();
        reject(new LibvirtAbortError(`connecting to ${this.description} aborted`, { cause: signal?.reason }));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      client.once('ready', () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      onClientError = (err) => {
        signal?.removeEventListener('abort', onAbort);
        reject(this.#explain(err, checker, tried, notes));
      };
    });
    client.connect(config);
    try {
      await connected;
      if (checker.toRecord) await appendFile(o.knownHosts, `${checker.toRecord}\n`, { mode: 0o600 });
      const channel = await new Promise<ClientChannel>((resolve, reject) => {
        const fail = (err: Error): void => {
          reject(
            new LibvirtUnavailableError(`${this.description}: cannot run the libvirt proxy: ${err.message}`, {
              cause: err,
            }),
          );
        };
        onClientError = fail;
        client.exec(o.command, (err, ch) => {
          if (err) fail(err);
          else resolve(ch);
        });
      });
      const stream = new SshChannelStream(channel, this.description, () => client.end());
      // After the handshake an SSH-level failure (reset, protocol error) ends the RPC stream with it.
      onClientError = (err) => {
        stream.destroy(
          new LibvirtUnavailableError(`${this.description}: SSH connection lost: ${err.message}`, {
            reason: 'lost',
            cause: err,
          }),
        );
      };
      return stream;
    } catch (err) {
      client.end();
      throw err;
    }
  }

  #explain(
    err: Error & { level?: string },
    checker: HostKeyChecker,
    tried: string[],
    notes: string[],
  ): Error {
    const refusal = checker.refusal;
    if (refusal !== undefined) return new LibvirtAuthError(`${this.description}: ${refusal}`, { cause: err });
    if (err.level === 'client-authentication') {
      const extra = notes.length > 0 ? `; also: ${notes.join('; ')}` : '';
      return new LibvirtAuthError(
        `${this.description} refused authentication (tried ${tried.join(', ') || 'nothing'})${extra}; ` +
          `add the public key to the remote authorized_keys or give ?keyfile=`,
        { cause: err },
      );
    }
    if (err.level === 'client-timeout') {
      return new LibvirtUnavailableError(`${this.description} did not complete the SSH handshake in time`, {
        reason: 'timeout',
        cause: err,
      });
    }
    return networkError(err, this.description, 'sshd');
  }
}

function toAuth(m: SshAuthMethod, username: string): AuthenticationType {
  const auth =
    m.type === 'agent'
      ? { type: 'agent', username, agent: m.socket }
      : { type: 'publickey', username, key: m.key };
  return auth as unknown as AuthenticationType;
}
