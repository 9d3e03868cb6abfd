// The RPC layer alone (no typed API) against the real libvirtd on /run/libvirt/libvirt-sock: the
// handshake for test:///default and qemu:///system, answers checked against virsh, 20 concurrent calls
// through the 5-call window, a daemon error, a real download stream (test driver screenshot), the
// read-only socket, and a clean close. Procedure specs are declared here on purpose.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { xdr } from '../../src/libvirt/xdr/codec.js';
import { RemoteProc } from '../../src/libvirt/protocol/procedures.js';
import { nonnullDomain, remoteString } from '../../src/libvirt/protocol/remote-types.js';
import { LibvirtError } from '../../src/libvirt/errors/index.js';
import { UnixTransport } from '../../src/libvirt/transport/unix-transport.js';
import { defineProcedure } from '../../src/libvirt/rpc/procedure-spec.js';
import { openSession } from '../../src/libvirt/rpc/session.js';
import type { RpcConnection } from '../../src/libvirt/rpc/rpc-connection.js';

const SOCKET = '/run/libvirt/libvirt-sock';
const SOCKET_RO = '/run/libvirt/libvirt-sock-ro';
const NO_DAEMON = existsSync(SOCKET) ? false : `no libvirtd socket at ${SOCKET}`;
const NOT_ROOT = process.getuid?.() !== 0 ? 'needs root (qemu:///system)' : false;

const getLibVersion = defineProcedure({
  name: 'CONNECT_GET_LIB_VERSION',
  procedure: RemoteProc.CONNECT_GET_LIB_VERSION,
  args: xdr.void,
  ret: xdr.struct({ libVer: xdr.uhyper }),
});
const getHostname = defineProcedure({
  name: 'CONNECT_GET_HOSTNAME',
  procedure: RemoteProc.CONNECT_GET_HOSTNAME,
  args: xdr.void,
  ret: xdr.struct({ hostname: xdr.string(4 * 1024 * 1024) }),
});
const lookupByName = defineProcedure({
  name: 'DOMAIN_LOOKUP_BY_NAME',
  procedure: RemoteProc.DOMAIN_LOOKUP_BY_NAME,
  args: xdr.struct({ name: xdr.string(4 * 1024 * 1024) }),
  ret: xdr.struct({ dom: nonnullDomain }),
});
const screenshot = defineProcedure({
  name: 'DOMAIN_SCREENSHOT',
  procedure: RemoteProc.DOMAIN_SCREENSHOT,
  args: xdr.struct({ dom: nonnullDomain, screen: xdr.uint, flags: xdr.uint }),
  ret: xdr.struct({ mime: remoteString }),
});

function virshOut(args: string[]): string {
  const r = spawnSync('virsh', args, { encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, `virsh ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** libvirt version of the running daemon as major*1e6 + minor*1e3 + micro, from virsh. */
function daemonVersion(): bigint {
  const m = /Running against daemon: (\d+)\.(\d+)\.(\d+)/.exec(virshOut(['version', '--daemon']));
  assert.ok(m, 'virsh version --daemon printed the daemon version');
  return BigInt(Number(m[1]) * 1_000_000 + Number(m[2]) * 1000 + Number(m[3]));
}

async function open(name: string, path = SOCKET, readOnly = false): Promise<RpcConnection> {
  return openSession({ transport: new UnixTransport({ path }), name, readOnly });
}

describe('RPC session against the real libvirtd', { skip: NO_DAEMON }, () => {
  it('test:///default: version and hostname match virsh, keepalive on, clean close', async () => {
    const conn = await open('test:///default');
    try {
      assert.equal(conn.keepaliveRunning, true, 'the daemon supports keepalive');
      const { libVer } = await conn.call(getLibVersion, undefined);
      assert.equal(libVer, daemonVersion());
      const { hostname } = await conn.call(getHostname, undefined);
      assert.equal(hostname, virshOut(['-c', 'qemu:///system', 'hostname']).trim());
    } finally {
      await conn.close();
    }
    assert.equal(conn.closed, true);
    assert.equal(conn.stats.dropped, 0);
  });

  it('20 concurrent calls pass through the 5-call window', async () => {
    const conn = await open('test:///default');
    try {
      const calls = Array.from({ length: 20 }, () => conn.call(getHostname, undefined));
      assert.equal(conn.stats.inFlight, 5);
      assert.equal(conn.stats.queued, 15);
      const names = new Set((await Promise.all(calls)).map((r) => r.hostname));
      assert.equal(names.size, 1);
      assert.equal(conn.stats.replies, 20 + 3); // plus AUTH_LIST, CONNECT_OPEN, SUPPORTS_FEATURE
    } finally {
      await conn.close();
    }
  });

  it('a daemon error arrives as LibvirtError with its code', async () => {
    const conn = await open('test:///default');
    try {
      const err = await conn.call(lookupByName, { name: 'hv-no-such-domain' }).then(
        () => assert.fail('expected an error'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof LibvirtError);
      assert.equal(err.isNoDomain(), true);
      assert.equal(err.codeName, 'VIR_ERR_NO_DOMAIN');
      // The connection is still fine afterwards.
      await conn.call(getHostname, undefined);
    } finally {
      await conn.close();
    }
  });

  it('downloads a real stream (test driver screenshot) and finishes it cleanly', async () => {
    const conn = await open('test:///default');
    try {
      const { dom } = await conn.call(lookupByName, { name: 'test' });
      const { ret, stream } = await conn.openStream(screenshot, { dom, screen: 0, flags: 0 });
      assert.equal(ret.mime, 'image/png');
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      const png = Buffer.concat(chunks);
      assert.ok(png.length > 1000);
      assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      // The connection is still usable and nothing unexpected arrived.
      await conn.call(getHostname, undefined);
      assert.equal(conn.stats.dropped, 0);
      assert.equal(conn.stats.streams, 0);
    } finally {
      await conn.close();
    }
  });

  it(
    'opens read-only on the -ro socket',
    { skip: existsSync(SOCKET_RO) ? false : 'no -ro socket' },
    async () => {
      const conn = await open('test:///default', SOCKET_RO, true);
      try {
        const { libVer } = await conn.call(getLibVersion, undefined);
        assert.equal(libVer, daemonVersion());
      } finally {
        await conn.close();
      }
    },
  );

  it('qemu:///system: version and hostname, clean close', { skip: NOT_ROOT }, async () => {
    const conn = await open('qemu:///system');
    try {
      const { libVer } = await conn.call(getLibVersion, undefined);
      assert.equal(libVer, daemonVersion());
      const { hostname } = await conn.call(getHostname, undefined);
      assert.ok(hostname.length > 0);
    } finally {
      await conn.close();
    }
    assert.equal(conn.closed, true);
  });
});
