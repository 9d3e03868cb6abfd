// Why: every connection starts from a libvirt URI (`qemu+ssh://root@host/system?keyfile=…`). Parsing it
// exactly as libvirt's remote driver does (scheme = driver[+transport], host without transport = TLS,
// case-insensitive parameter names, no '+'-as-space) keeps hv's URIs interchangeable with virsh's.
import { LibvirtUriError } from './libvirt-uri-error.js';

/** The transports hv implements (libssh/libssh2 map to ssh). */
type LibvirtTransportKind = 'unix' | 'tcp' | 'tls' | 'ssh';

/** A parsed libvirt connection URI. */
export interface LibvirtUri {
  /** The URI exactly as given. */
  readonly raw: string;
  /** Hypervisor driver, lower-case: `qemu`, `test`, `lxc`, `remote`, … */
  readonly driver: string;
  /** How to reach the daemon. */
  readonly transport: LibvirtTransportKind;
  /** User name from `user@host`, percent-decoded. */
  readonly user?: string;
  /** Host name or IP address (IPv6 without brackets), percent-decoded. */
  readonly host?: string;
  /** Explicit port. */
  readonly port?: number;
  /** Percent-decoded path: `/system`, `/session`, `/default`, `/abs/path/node.xml`. */
  readonly path: string;
  /**
   * Query parameters, percent-decoded (the last of repeated names wins). Names that libvirt's client
   * understands are stored lower-case; other names are kept as written and passed to the daemon.
   */
  readonly params: Readonly<Record<string, string>>;
}

/** Query parameters libvirt's client consumes itself; they never reach the daemon. */
export const CLIENT_ONLY_PARAMS: ReadonlySet<string> = new Set([
  'name',
  'command',
  'socket',
  'auth',
  'authfile',
  'sshauth',
  'netcat',
  'keyfile',
  'pkipath',
  'known_hosts',
  'known_hosts_verify',
  'tls_priority',
  'mode',
  'proxy',
  'no_sanity',
  'no_verify',
  'no_tty',
]);

const TRANSPORT_NAMES: Readonly<Record<string, LibvirtTransportKind | 'ext'>> = {
  unix: 'unix',
  tcp: 'tcp',
  tls: 'tls',
  ssh: 'ssh',
  libssh: 'ssh',
  libssh2: 'ssh',
  ext: 'ext',
};

const ENUM_PARAMS: Readonly<Record<string, readonly string[]>> = {
  mode: ['auto', 'legacy', 'direct'],
  proxy: ['auto', 'netcat', 'native'],
  known_hosts_verify: ['normal', 'auto', 'ignore'],
  no_verify: ['0', '1'],
  no_tty: ['0', '1'],
  no_sanity: ['0', '1'],
};

const URI_RE = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s;

/**
 * Parse a libvirt connection URI.
 *
 * @throws LibvirtUriError for empty, malformed or unsupported URIs (`+ext`, unknown transports).
 */
export function parseLibvirtUri(uri: string): LibvirtUri {
  const fail = (kind: LibvirtUriError['kind'], msg: string): never => {
    throw new LibvirtUriError(kind, uri, msg);
  };
  if (uri.trim() === '') fail('empty', 'the URI is empty');
  if (/\s/.test(uri)) fail('syntax', 'the URI contains white space (percent-encode it as %20)');
  const m = URI_RE.exec(uri);
  if (!m) return fail('syntax', "expected 'driver[+transport]://[user@][host][:port]/path[?params]'");
  const [, schemeRaw = '', restRaw = ''] = m;
  const scheme = schemeRaw.toLowerCase();
  let rest = restRaw;
  if (!rest.startsWith('//'))
    fail('syntax', `expected '//' after '${schemeRaw}:' (e.g. ${scheme}:///system)`);
  rest = rest.slice(2);

  const plus = scheme.indexOf('+');
  const driver = plus < 0 ? scheme : scheme.slice(0, plus);
  const transportName = plus < 0 ? undefined : scheme.slice(plus + 1);
  if (driver === '') fail('syntax', 'the driver name before the transport is missing');

  const hashAt = rest.indexOf('#');
  if (hashAt >= 0) rest = rest.slice(0, hashAt);
  const qAt = rest.indexOf('?');
  const query = qAt >= 0 ? rest.slice(qAt + 1) : '';
  const beforeQuery = qAt >= 0 ? rest.slice(0, qAt) : rest;
  const slashAt = beforeQuery.indexOf('/');
  const authority = slashAt >= 0 ? beforeQuery.slice(0, slashAt) : beforeQuery;
  const rawPath = slashAt >= 0 ? beforeQuery.slice(slashAt) : '';

  const { user, host, port } = parseAuthority(authority, fail);
  const path = decode(rawPath, 'path', fail);
  const params = parseQuery(query, fail);

  let transport: LibvirtTransportKind;
  if (transportName === undefined) {
    transport = host === undefined ? 'unix' : 'tls';
  } else {
    const t = TRANSPORT_NAMES[transportName];
    if (t === undefined) {
      return fail(
        'unknown-transport',
        `transport '${transportName}' is not recognised (use unix, tcp, tls or ssh; libssh and libssh2 mean ssh)`,
      );
    }
    if (t === 'ext') {
      return fail('unsupported', "the 'ext' transport (an external command's stdio) is not supported by hv");
    }
    transport = t;
  }
  if (transport === 'unix' && host !== undefined) {
    fail('host-not-allowed', `a unix socket is local; remote host '${host}' needs tcp, tls or ssh`);
  }
  if (transport === 'unix' && (user !== undefined || port !== undefined)) {
    fail('host-not-allowed', 'a unix socket URI takes no user or port');
  }
  if (driver !== 'remote' && (path === '' || path === '/') && params['name'] === undefined) {
    fail('missing-path', `the path is missing (e.g. ${scheme}://${authority}/system)`);
  }
  if (params['command'] !== undefined) {
    fail('unsupported', "the 'command' parameter belongs to the ext transport, which hv does not support");
  }

  return {
    raw: uri,
    driver,
    transport,
    ...(user !== undefined && { user }),
    ...(host !== undefined && { host }),
    ...(port !== undefined && { port }),
    path,
    params,
  };
}

type Fail = (kind: LibvirtUriError['kind'], msg: string) => never;

function parseAuthority(authority: string, fail: Fail): { user?: string; host?: string; port?: number } {
  if (authority === '') return {};
  const at = authority.lastIndexOf('@');
  const userPart = at >= 0 ? authority.slice(0, at) : undefined;
  const hostPort = at >= 0 ? authority.slice(at + 1) : authority;
  if (userPart === '') fail('syntax', "empty user name before '@'");
  let hostRaw: string;
  let portRaw: string | undefined;
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    if (close < 0) return fail('syntax', "IPv6 address without closing ']'");
    hostRaw = hostPort.slice(1, close);
    const after = hostPort.slice(close + 1);
    if (after !== '' && !after.startsWith(':'))
      fail('syntax', `unexpected '${after}' after the IPv6 address`);
    if (after !== '') portRaw = after.slice(1);
    if (!/^[0-9A-Fa-f:.]+(%25[\w.-]+)?$/.test(hostRaw) || !hostRaw.includes(':')) {
      fail('syntax', `'[${hostRaw}]' is not an IPv6 address`);
    }
  } else {
    const colon = hostPort.lastIndexOf(':');
    hostRaw = colon >= 0 ? hostPort.slice(0, colon) : hostPort;
    if (colon >= 0) portRaw = hostPort.slice(colon + 1);
    if (hostRaw.includes(':')) fail('syntax', 'an IPv6 address must be written in brackets, e.g. [::1]');
  }
  if (hostRaw === '' && (portRaw !== undefined || userPart !== undefined)) {
    fail('syntax', 'a user or port was given without a host');
  }
  let port: number | undefined;
  if (portRaw !== undefined && portRaw !== '') {
    port = /^\d{1,5}$/.test(portRaw) ? Number(portRaw) : NaN;
    if (!(port >= 1 && port <= 65535)) fail('syntax', `port '${portRaw}' is not a number from 1 to 65535`);
  }
  const host = decode(hostRaw, 'host', fail);
  if (host !== '' && !/^[\w.:%-]+$/.test(host))
    fail('syntax', `host '${host}' has characters a host name cannot have`);
  return {
    ...(userPart !== undefined && { user: decode(userPart, 'user', fail) }),
    ...(host !== '' && { host }),
    ...(port !== undefined && { port }),
  };
}

function parseQuery(query: string, fail: Fail): Record<string, string> {
  const params: Record<string, string> = {};
  for (const part of query.split(/[&;]/)) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawName = decode(eq >= 0 ? part.slice(0, eq) : part, 'parameter name', fail);
    const value = decode(eq >= 0 ? part.slice(eq + 1) : '', 'parameter value', fail);
    if (rawName === '') fail('bad-param', `parameter '${part}' has no name`);
    const lower = rawName.toLowerCase();
    const name = CLIENT_ONLY_PARAMS.has(lower) ? lower : rawName;
    const allowed = ENUM_PARAMS[name];
    if (allowed && !allowed.includes(value)) {
      fail('bad-param', `parameter ${name}='${value}' must be one of ${allowed.join(', ')}`);
    }
    if (CLIENT_ONLY_PARAMS.has(name) && name !== 'name' && value === '' && !allowed) {
      fail('bad-param', `parameter '${name}' needs a value`);
    }
    params[name] = value;
  }
  return params;
}

function decode(text: string, what: string, fail: Fail): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return fail('syntax', `bad percent-encoding in the ${what} '${text}'`);
  }
}
