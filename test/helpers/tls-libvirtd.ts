// Why: the TLS transport can only be proven against a real libvirtd speaking TLS. This helper makes a
// throw-away PKI with certtool and starts a second libvirtd listening on 127.0.0.1:<free port> inside
// its own mount+UTS namespace (own /etc/libvirt, /run/libvirt, /var/lib/libvirt, hostname), so it never
// clashes with the host's libvirtd (whose driver pid files it would otherwise fight over).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A certificate authority on disk. */
export interface TestCa {
  readonly cert: string;
  readonly key: string;
}

/** A free TCP port on 127.0.0.1 (closed again before returning; fine for tests). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => {
        if (addr !== null && typeof addr === 'object') resolve(addr.port);
        else reject(new Error('no port'));
      });
    });
  });
}

function certtool(args: string[]): void {
  execFileSync('certtool', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** Make a CA (certtool, valid 2 days) in `dir` with base name `name`. */
export function makeCa(dir: string, name: string): TestCa {
  const key = join(dir, `${name}-key.pem`);
  const cert = join(dir, `${name}-cert.pem`);
  const info = join(dir, `${name}.info`);
  writeFileSync(info, `cn = ${name}\nca\ncert_signing_key\nexpiration_days = 2\n`);
  certtool(['--generate-privkey', '--outfile', key]);
  certtool(['--generate-self-signed', '--load-privkey', key, '--template', info, '--outfile', cert]);
  return { cert, key };
}

/** Issue a server or client certificate signed by `ca`. */
export function issueCert(
  ca: TestCa,
  dir: string,
  name: string,
  opts: { role: 'server' | 'client'; cn: string; dnsNames?: readonly string[]; ips?: readonly string[] },
): { cert: string; key: string } {
  const key = join(dir, `${name}-key.pem`);
  const cert = join(dir, `${name}-cert.pem`);
  const info = join(dir, `${name}.info`);
  const lines = [
    'organization = hv tests',
    `cn = ${opts.cn}`,
    ...(opts.dnsNames ?? []).map((d) => `dns_name = ${d}`),
    ...(opts.ips ?? []).map((ip) => `ip_address = ${ip}`),
    opts.role === 'server' ? 'tls_www_server' : 'tls_www_client',
    'encryption_key',
    'signing_key',
    'expiration_days = 2',
  ];
  writeFileSync(info, `${lines.join('\n')}\n`);
  certtool(['--generate-privkey', '--outfile', key]);
  certtool([
    '--generate-certificate',
    '--load-privkey',
    key,
    '--load-ca-certificate',
    ca.cert,
    '--load-ca-privkey',
    ca.key,
    '--template',
    info,
    '--outfile',
    cert,
  ]);
  return { cert, key };
}

/** Lay out a `?pkipath=` directory: cacert.pem, clientcert.pem, clientkey.pem. */
export function pkiDir(dir: string, caCert: string, client: { cert: string; key: string }): string {
  mkdirSync(dir, { recursive: true });
  copyFileSync(caCert, join(dir, 'cacert.pem'));
  copyFileSync(client.cert, join(dir, 'clientcert.pem'));
  copyFileSync(client.key, join(dir, 'clientkey.pem'));
  return dir;
}

/** A running TLS libvirtd. */
export interface TlsLibvirtd {
  /** TLS port (auth_tls="none"). */
  readonly port: number;
  /** Plain TCP port of the same daemon (auth_tcp="none": loopback tests only). */
  readonly tcpPort: number;
  /** The UTS hostname inside its namespace (what CONNECT_GET_HOSTNAME returns). */
  readonly hostname: string;
  /** Scratch directory (PKI, config, state); removed by stop(). */
  readonly root: string;
  /** The CA that signed the server certificate (and the good client certificate). */
  readonly ca: TestCa;
  /** A working `?pkipath=` directory. */
  readonly goodPki: string;
  /** Daemon output so far (for failure messages). */
  log(): string;
  /** Stop the daemon (SIGTERM, then SIGKILL) and remove the scratch directory. */
  stop(): Promise<void>;
}

/**
 * Start libvirtd with `listen_tls=1, auth_tls="none"` on 127.0.0.1:<free port> (and plain TCP with
 * `auth_tcp="none"` on another). Its server certificate names only `localhost` (DNS), so connecting
 * by 127.0.0.1 is a name mismatch.
 */
export async function startTlsLibvirtd(hostname = 'hv-tls-test'): Promise<TlsLibvirtd> {
  const root = mkdtempSync(join(tmpdir(), 'hv-tls-libvirtd-'));
  const pki = join(root, 'pki');
  mkdirSync(pki);
  const ca = makeCa(pki, 'ca');
  const server = issueCert(ca, pki, 'server', { role: 'server', cn: 'localhost', dnsNames: ['localhost'] });
  const client = issueCert(ca, pki, 'client', { role: 'client', cn: 'hv-test-client' });
  const goodPki = pkiDir(join(root, 'client-good'), ca.cert, client);
  const port = await freePort();
  let tcpPort = await freePort();
  while (tcpPort === port) tcpPort = await freePort();
  for (const d of ['etc', 'run', 'varlib', 'cache', 'log']) mkdirSync(join(root, d));
  writeFileSync(
    join(root, 'etc', 'libvirtd.conf'),
    [
      'listen_tls = 1',
      'listen_tcp = 1',
      `tls_port = "${port}"`,
      `tcp_port = "${tcpPort}"`,
      'auth_tcp = "none"',
      'listen_addr = "127.0.0.1"',
      'auth_tls = "none"',
      'auth_unix_rw = "none"',
      `key_file = "${server.key}"`,
      `cert_file = "${server.cert}"`,
      `ca_file = "${ca.cert}"`,
      '',
    ].join('\n'),
  );
  writeFileSync(join(root, 'etc', 'qemu.conf'), 'stdio_handler = "file"\n');
  const binds = [
    ['etc', '/etc/libvirt'],
    ['run', '/run/libvirt'],
    ['varlib', '/var/lib/libvirt'],
    ['cache', '/var/cache/libvirt'],
    ['log', '/var/log/libvirt'],
  ];
  const script = [
    'set -e',
    `hostname ${hostname}`,
    ...binds.map(([src, dst]) => `mount --bind ${join(root, src!)} ${dst!}`),
    `exec libvirtd --listen -f /etc/libvirt/libvirtd.conf -p ${join(root, 'libvirtd.pid')}`,
  ].join('\n');
  const logFile = join(root, 'libvirtd.out');
  writeFileSync(logFile, '');
  const out = openSync(logFile, 'a');
  const child = spawn('unshare', ['--mount', '--uts', '--propagation', 'private', 'sh', '-c', script], {
    detached: true,
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  const log = (): string => readFileSync(logFile, 'utf8');
  const stop = (): Promise<void> =>
    stopChild(child).finally(() => {
      rmSync(root, { recursive: true, force: true });
    });
  try {
    await waitForPort(port, child, 15_000);
  } catch (err) {
    const text = log();
    await stop();
    throw new Error(`TLS libvirtd did not start: ${(err as Error).message}\n${text}`, { cause: err });
  }
  return { port, tcpPort, hostname, root, ca, goodPki, log, stop };
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`libvirtd exited (${child.exitCode ?? child.signalCode})`);
    }
    const ok = await new Promise<boolean>((resolve) => {
      const s = createConnection({ host: '127.0.0.1', port });
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => {
        resolve(false);
      });
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listened on 127.0.0.1:${port} within ${timeoutMs} ms`);
}

/** SIGTERM the process, SIGKILL it after 5 s; resolves when it has exited. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    child.kill('SIGKILL');
  }, 5000);
  await exited;
  clearTimeout(timer);
}
