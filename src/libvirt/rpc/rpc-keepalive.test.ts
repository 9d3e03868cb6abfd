// Tests keepalive on RpcConnection against the fake daemon: PINGs answered always, our own PINGs on
// silence, and a silent peer declared dead (small intervals; no wall-clock assertions).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { xdr } from '../xdr/index.js';
import { MessageType, Program } from '../protocol/packet.js';
import { KeepaliveProc } from '../protocol/procedures.js';
import { LibvirtUnavailableError } from '../errors/index.js';
import { UnixTransport } from '../transport/unix-transport.js';
import { FakeLibvirtd, type FakeClient } from '../../../test/helpers/fake-libvirtd.js';
import { RpcConnection } from './rpc-connection.js';
import { defineProcedure } from './procedure-spec.js';

const hang = defineProcedure({ name: 'TEST_HANG', procedure: 9100, args: xdr.void, ret: xdr.void });

async function connect(fake: FakeLibvirtd): Promise<RpcConnection> {
  const socket = await new UnixTransport({ path: fake.path }).open();
  return new RpcConnection(socket, { description: 'fake' });
}

async function connectPair(fake: FakeLibvirtd): Promise<{ conn: RpcConnection; server: FakeClient }> {
  const index = fake.clients.length;
  const conn = await connect(fake);
  return { conn, server: await fake.client(index) };
}

const isKeepalive = (proc: number) => (p: { header: { program: number; procedure: number; type: number } }) =>
  p.header.program === Program.KEEPALIVE &&
  p.header.procedure === proc &&
  p.header.type === MessageType.MESSAGE;

describe('RpcConnection keepalive', () => {
  let fake: FakeLibvirtd;
  before(async () => {
    fake = await FakeLibvirtd.start({ answerPings: false });
  });
  after(async () => {
    await fake.stop();
  });

  it('answers a daemon PING with PONG even before startKeepalive', async () => {
    const { conn, server } = await connectPair(fake);
    const pong = fake.waitFor(isKeepalive(KeepaliveProc.PONG));
    server.send({ program: Program.KEEPALIVE, procedure: KeepaliveProc.PING, type: MessageType.MESSAGE });
    const got = await pong;
    assert.equal(got.header.serial, 0);
    assert.equal(got.payload.length, 0);
    assert.equal(conn.stats.pongsSent, 1);
    conn.destroy();
  });

  it('sends count PINGs to a silent daemon, then declares it dead', async () => {
    const conn = await connect(fake);
    fake.handle(9100, () => undefined);
    const closed = new Promise<Error | undefined>((resolve) => conn.onClose(resolve));
    const pending = conn.call(hang, undefined, { timeoutMs: 0 });
    const ping = fake.waitFor(isKeepalive(KeepaliveProc.PING));
    conn.startKeepalive({ intervalMs: 20, count: 4 });
    await ping;
    const err = await closed;
    assert.ok(err instanceof LibvirtUnavailableError);
    assert.match(err.message, /keepalive timeout/);
    await assert.rejects(pending, LibvirtUnavailableError);
    assert.equal(conn.stats.pingsSent, 4);
  });

  it('stays up while the daemon answers PINGs', async () => {
    const alive = await FakeLibvirtd.start();
    try {
      const socket = await new UnixTransport({ path: alive.path }).open();
      const conn = new RpcConnection(socket);
      conn.startKeepalive({ intervalMs: 10, count: 2 });
      // 15 PING/PONG rounds take ~30 ticks, ten times what 3 silent ticks (count 2) would need to kill it.
      await new Promise<void>((resolve) => {
        const check = (): void => {
          if (alive.packets(MessageType.MESSAGE, KeepaliveProc.PING).length >= 15) resolve();
          else setTimeout(check, 5);
        };
        check();
      });
      assert.equal(conn.closed, false);
      conn.destroy();
    } finally {
      await alive.stop();
    }
  });
});
