// Transports against real daemons on loopback: a second libvirtd listening on TLS (and TCP) in its own
// namespace, and a private sshd in front of the host's libvirtd (virt-ssh-helper and nc).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { hostname as osHostname } from 'node:os';
import { join } from 'node:path';
import { connectLibvirt } from '../../src/libvirt/connect.js';
import { defineProcedure } from '../../src/libvirt/rpc/procedure-spec.js';
import { xdr } from '../../src/libvirt/xdr/index.js';
import { RemoteProc } from '../../src/libvirt/protocol/procedures.js';
import type { RpcCaller } from '../../src/libvirt/api/rpc-caller.js';
import { LibvirtAuthError } from '../../src/libvirt/errors/index.js';
import { issueCert, makeCa, pkiDir, startTlsLibvirtd, type TlsLibvirtd } from '../helpers/tls-libvirtd.js';
import { startLoopbackSshd, type LoopbackSshd } from '../helpers/loopback-sshd.js';

const NOT_ROOT = process.getuid?.() !== 0 ? 'needs root (starts libvirtd and sshd, logs in as root)' : false;

const STR = xdr.string(4 * 1024 * 1024);
const getHostname = defineProcedure({
  name: 'CONNECT_GET_HOSTNAME',
  procedure: RemoteProc.CONNECT_GET_HOSTNAME,
  args: xdr.void,
  ret: xdr.struct({ hostname: STR }),
});
const getType = defineProcedure({
  name: 'CONNECT_GET_TYPE',
  procedure: RemoteProc.CONNECT_GET_TYPE,
  args: xdr.void,
  ret: xdr.struct({ type: STR }),
});
const getLibVersion = defineProcedure({
  name: 'CONNECT_GET_LIB_VERSION',
  procedure: RemoteProc.CONNECT_GET_LIB_VERSION,
  args: xdr.void,
  ret: xdr.struct({ libVer: xdr.uhyper }),
});

/** Connect, run `fn`, always close. */
async function withConnection<T>(
  uri: string,
  fn: (c: RpcCaller) => Promise<T>,
  opts: { readOnly?: boolean; reconnect?: boolean } = {},
): Promise<T> {
  const conn = await connectLibvirt(uri, { keepalive: false, connectTimeoutMs: 10_000, ...opts });
  try {
    return await fn(conn);
  } finally {
    await conn.close();
  }
}

function authError(pattern: RegExp): (err: unknown) => boolean {
  return (err: unknown) => {
    assert.ok(err instanceof LibvirtAuthError, `expected LibvirtAuthError, got ${String(err)}`);
    assert.match(err.message, pattern);
    return true;
  };
}

describe('TLS and TCP transports against a second libvirtd', { skip: NOT_ROOT }, () => {
  let d: TlsLibvirtd;
  let wrongCaPki: string;
  let foreignClientPki: string;

  before(async () => {
    d = await startTlsLibvirtd();
    const other = makeCa(d.root, 'other-ca');
    const foreignClient = issueCert(other, d.root, 'foreign-client', { role: 'client', cn: 'intruder' });
    const goodClient = { cert: join(d.goodPki, 'clientcert.pem'), key: join(d.goodPki, 'clientkey.pem') };
    wrongCaPki = pkiDir(join(d.root, 'client-wrong-ca'), other.cert, goodClient);
    foreignClientPki = pkiDir(join(d.root, 'client-foreign'), d.ca.cert, foreignClient);
  });
  after(async () => {
    await d.stop();
  });

  it('qemu+tls://localhost: real calls reach the second daemon', async () => {
    const uri = `qemu+tls://localhost:${d.port}/system?pkipath=${d.goodPki}`;
    const { hostname, libVer } = await withConnection(uri, async (c) => ({
      ...(await c.call(getHostname, undefined)),
      ...(await c.call(getLibVersion, undefined)),
    }));
    assert.equal(hostname, d.hostname);
    assert.ok(libVer >= 9_000_000n, `lib version ${libVer}`);
  });

  it('test+tls://…/default opens the test driver, also read-only and as a reconnecting session', async () => {
    const uri = `test+tls://localhost:${d.port}/default?pkipath=${d.goodPki}`;
    assert.deepEqual(await withConnection(uri, (c) => c.call(getType, undefined)), { type: 'TEST' });
    assert.deepEqual(await withConnection(uri, (c) => c.call(getType, undefined), { readOnly: true }), {
      type: 'TEST',
    });
    assert.deepEqual(await withConnection(uri, (c) => c.call(getType, undefined), { reconnect: true }), {
      type: 'TEST',
    });
  });

  it('a server certificate from another CA is refused, naming the CA file', async () => {
    const uri = `qemu+tls://localhost:${d.port}/system?pkipath=${wrongCaPki}`;
    await assert.rejects(
      connectLibvirt(uri),
      authError(
        /server certificate of tls:localhost:\d+ is not signed by the CA in .*client-wrong-ca\/cacert\.pem/,
      ),
    );
  });

  it('a client certificate the server does not trust: the server refuses us, and we say so', async () => {
    const uri = `qemu+tls://localhost:${d.port}/system?pkipath=${foreignClientPki}`;
    await assert.rejects(
      connectLibvirt(uri),
      authError(/refused our client certificate .*client-foreign\/clientcert\.pem/),
    );
  });

  it('connecting by a name the server certificate does not list is refused; no_verify=1 allows it', async () => {
    const uri = `qemu+tls://127.0.0.1:${d.port}/system?pkipath=${d.goodPki}`;
    await assert.rejects(connectLibvirt(uri), authError(/does not name '127\.0\.0\.1'/));
    const { hostname } = await withConnection(`${uri}&no_verify=1`, (c) => c.call(getHostname, undefined));
    assert.equal(hostname, d.hostname);
  });

  it('missing credential files are named', async () => {
    const empty = join(d.root, 'client-empty');
    mkdirSync(empty);
    const uri = `qemu+tls://localhost:${d.port}/system?pkipath=${empty}`;
    await assert.rejects(
      connectLibvirt(uri),
      authError(/the TLS CA certificate .*client-empty\/cacert\.pem does not exist/),
    );
  });

  it('qemu+tcp:// (auth_tcp="none" on loopback) works too', async () => {
    const uri = `qemu+tcp://127.0.0.1:${d.tcpPort}/system`;
    assert.deepEqual(await withConnection(uri, (c) => c.call(getHostname, undefined)), {
      hostname: d.hostname,
    });
  });
});

describe('SSH transport through a private sshd to the host libvirtd', { skip: NOT_ROOT }, () => {
  let s: LoopbackSshd;
  let base: string;

  before(async () => {
    s = await startLoopbackSshd();
    base = `root@127.0.0.1:${s.port}`;
  });
  after(async () => {
    await s.stop();
  });

  const q = (): string => `keyfile=${s.clientKey}&known_hosts=${s.knownHosts}`;

  it('virt-ssh-helper (proxy=auto): a real call', async () => {
    const { hostname } = await withConnection(`qemu+ssh://${base}/system?${q()}`, (c) =>
      c.call(getHostname, undefined),
    );
    assert.equal(hostname, osHostname());
  });

  it('virt-ssh-helper read-only, and the test driver by name', async () => {
    const uri = `qemu+ssh://${base}/system?${q()}&proxy=native`;
    assert.deepEqual(await withConnection(uri, (c) => c.call(getType, undefined), { readOnly: true }), {
      type: 'QEMU',
    });
    const test = `test+ssh://${base}/default?${q()}`;
    assert.deepEqual(await withConnection(test, (c) => c.call(getType, undefined)), { type: 'TEST' });
  });

  it('netcat fallback (proxy=netcat): a real call', async () => {
    const { hostname } = await withConnection(`qemu+ssh://${base}/system?${q()}&proxy=netcat`, (c) =>
      c.call(getHostname, undefined),
    );
    assert.equal(hostname, osHostname());
  });

  it('an unknown host key is refused with its fingerprint', async () => {
    const kh = join(s.root, 'known_hosts_empty');
    writeFileSync(kh, '');
    const uri = `qemu+ssh://${base}/system?keyfile=${s.clientKey}&known_hosts=${kh}`;
    await assert.rejects(
      connectLibvirt(uri),
      authError(/ssh-ed25519 key SHA256:\S+ of \[127\.0\.0\.1\]:\d+ is not in/),
    );
  });

  it('a key sshd does not accept is refused', async () => {
    const uri = `qemu+ssh://${base}/system?keyfile=${join(s.root, 'host_ed25519')}&known_hosts=${s.knownHosts}`;
    await assert.rejects(connectLibvirt(uri), authError(/refused authentication/));
  });
});
