// Why: the one place that turns a parsed URI into a concrete Transport, applying libvirt's defaults
// (socket paths, ports, certificate locations, known_hosts, proxy command). Process facts (uid, env,
// home) are injectable so the choice is testable without touching the machine.
//
// Accepted but without effect: `no_tty` (hv never uses a tty), `no_sanity`, `auth`/`authfile`, and
// `tls_priority` (a GnuTLS priority string; Node's TLS is OpenSSL and keeps its own defaults).
import { existsSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import type { Transport } from './transport.js';
import type { LibvirtUri } from './libvirt-uri.js';
import { UnixTransport } from './unix-transport.js';
import { TcpTransport } from './tcp-transport.js';
import { LazyTransport } from './lazy-transport.js';
import { localSocketPaths } from './local-socket-paths.js';
import { tlsCredentialPaths } from './tls-credential-paths.js';
import { sshProxyCommand } from './ssh-proxy-command.js';
import type { HostKeyPolicy } from './host-key-checker.js';

/** Options for {@link transportForUri}; process facts default to the current process. */
export interface TransportSelectOptions {
  /** Use read-only sockets (`-ro`; `virt-ssh-helper -r`). */
  readonly readOnly?: boolean;
  /** Per-attempt connect timeout in ms (transport default when absent). */
  readonly connectTimeoutMs?: number;
  readonly uid?: number;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly home?: string;
  /** Local user name (default SSH user). */
  readonly username?: string;
}

/**
 * The Transport for `uri`.
 *
 * @throws LibvirtUriError when the URI's parameters cannot be honoured (e.g. `mode=direct` for a
 *   driver without its own daemon, `proxy=native` with `netcat=`).
 */
export function transportForUri(uri: LibvirtUri, opts: TransportSelectOptions = {}): Transport {
  const uid = opts.uid ?? process.getuid?.() ?? 0;
  const env = opts.env ?? process.env;
  const home = opts.home ?? env['HOME'] ?? homedir();
  const readOnly = opts.readOnly ?? false;
  const timeout = opts.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: opts.connectTimeoutMs };
  const at = {
    ...(uri.host !== undefined && { host: uri.host }),
    ...(uri.port !== undefined && { port: uri.port }),
  };
  const p = uri.params;
  switch (uri.transport) {
    case 'unix': {
      const [path = '/run/libvirt/libvirt-sock', ...fallbackPaths] = localSocketPaths(uri, {
        uid,
        env,
        readOnly,
      });
      return new UnixTransport({ path, fallbackPaths, ...timeout });
    }
    case 'tcp':
      return new TcpTransport({ ...at, ...timeout });
    case 'tls':
      return LazyTransport.tls({
        ...at,
        ...timeout,
        credentials: tlsCredentialPaths(expandHome(p['pkipath'], home), { uid, home, exists: existsSync }),
        verify: p['no_verify'] !== '1',
      });
    case 'ssh': {
      const policy: HostKeyPolicy =
        p['no_verify'] === '1'
          ? 'ignore'
          : ((p['known_hosts_verify'] as HostKeyPolicy | undefined) ?? 'normal');
      return LazyTransport.ssh({
        ...at,
        ...timeout,
        user: uri.user ?? opts.username ?? userInfo().username,
        command: sshProxyCommand(uri, readOnly),
        knownHosts: expandHome(p['known_hosts'], home) ?? `${home}/.ssh/known_hosts`,
        hostKeyPolicy: policy,
        keyfile: expandHome(p['keyfile'], home),
        sshauth: p['sshauth'],
        home,
        agentSocket: env['SSH_AUTH_SOCK'],
      });
    }
  }
}

/** `~/x` -> `<home>/x` (URIs are often written by hand; libvirt leaves this to the shell). */
function expandHome(path: string | undefined, home: string): string | undefined {
  if (path === undefined) return undefined;
  return path === '~' || path.startsWith('~/') ? home + path.slice(1) : path;
}
