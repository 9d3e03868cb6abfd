// Tests openSession's handshake against the fake daemon: auth none / polkit / SASL-only, CONNECT_OPEN
// arguments, keepalive probe, CONNECT_CLOSE on close, cleanup on failure.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { MessageType } from '../protocol/packet.js';
import { RemoteProc } from '../protocol/procedures.js';
import { LibvirtAuthError, LibvirtError } from '../errors/index.js';
import { UnixTransport } from '../transport/unix-transport.js';
import { FakeLibvirtd, type FakeLibvirtdOptions } from '../../../test/helpers/fake-libvirtd.js';
import { openSession } from './session.js';

async function withFake(
  options: FakeLibvirtdOptions,
  fn: (fake: FakeLibvirtd) => Promise<void>,
): Promise<void> {
  const fake = await FakeLibvirtd.start(options);
  try {
    await fn(fake);
  } finally {
    await fake.stop();
  }
}

const calls = (fake: FakeLibvirtd): number[] => fake.packets(MessageType.CALL).map((p) => p.header.procedure);

describe('openSession', () => {
  it('runs AUTH_LIST, CONNECT_OPEN (name, RO flag), the keepalive probe; close sends CONNECT_CLOSE', async () => {
    await withFake({}, async (fake) => {
      const conn = await openSession({
        transport: new UnixTransport({ path: fake.path }),
        name: 'test:///default',
        readOnly: true,
      });
      assert.deepEqual(calls(fake), [
        RemoteProc.AUTH_LIST,
        RemoteProc.CONNECT_OPEN,
        RemoteProc.CONNECT_SUPPORTS_FEATURE,
      ]);
      const open = fake.packets(MessageType.CALL, RemoteProc.CONNECT_OPEN)[0]!;
      // {remote_string name = present "test:///default"; u32 flags = 1}
      assert.equal(open.payload.readUInt32BE(0), 1);
      assert.equal(open.payload.subarray(8, 8 + 15).toString(), 'test:///default');
      assert.equal(open.payload.readUInt32BE(open.payload.length - 4), 1);
      const probe = fake.packets(MessageType.CALL, RemoteProc.CONNECT_SUPPORTS_FEATURE)[0]!;
      assert.equal(probe.payload.readInt32BE(0), 10);
      assert.equal(conn.keepaliveRunning, true);
      const server = fake.clients[0]!;
      const ended = once(server.socket, 'end');
      await conn.close();
      await ended;
      assert.equal(calls(fake).at(-1), RemoteProc.CONNECT_CLOSE);
    });
  });

  it('sends an absent name for null and skips keepalive when unsupported or disabled', async () => {
    await withFake({ featureSupported: 0 }, async (fake) => {
      const conn = await openSession({ transport: new UnixTransport({ path: fake.path }), name: null });
      const open = fake.packets(MessageType.CALL, RemoteProc.CONNECT_OPEN)[0]!;
      assert.deepEqual([...open.payload], [0, 0, 0, 0, 0, 0, 0, 0]);
      assert.equal(conn.keepaliveRunning, false);
      conn.destroy();
      const conn2 = await openSession({
        transport: new UnixTransport({ path: fake.path }),
        name: null,
        keepalive: false,
      });
      assert.equal(fake.packets(MessageType.CALL, RemoteProc.CONNECT_SUPPORTS_FEATURE).length, 1);
      conn2.destroy();
    });
  });

  it('calls AUTH_POLKIT when the daemon asks for polkit', async () => {
    await withFake({ authTypes: [2] }, async (fake) => {
      const conn = await openSession({
        transport: new UnixTransport({ path: fake.path }),
        name: 'qemu:///system',
      });
      assert.deepEqual(calls(fake).slice(0, 3), [
        RemoteProc.AUTH_LIST,
        RemoteProc.AUTH_POLKIT,
        RemoteProc.CONNECT_OPEN,
      ]);
      conn.destroy();
    });
  });

  it('reports a polkit refusal as LibvirtAuthError (with the daemon error as cause)', async () => {
    await withFake({ authTypes: [2] }, async (fake) => {
      fake.handle(RemoteProc.AUTH_POLKIT, () => ({ error: { code: 45, message: 'authentication failed' } }));
      const err = await openSession({ transport: new UnixTransport({ path: fake.path }), name: null }).then(
        () => assert.fail('expected an error'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof LibvirtAuthError);
      assert.ok(err.cause instanceof LibvirtError);
      assert.equal(calls(fake).includes(RemoteProc.CONNECT_OPEN), false);
    });
  });

  it('reports an incomplete polkit authentication as LibvirtAuthError', async () => {
    await withFake({ authTypes: [2], polkitComplete: 0 }, async (fake) => {
      await assert.rejects(
        openSession({ transport: new UnixTransport({ path: fake.path }), name: null }),
        LibvirtAuthError,
      );
    });
  });

  it('refuses a SASL-only daemon with advice, and closes the socket', async () => {
    await withFake({ authTypes: [1] }, async (fake) => {
      const err = await openSession({ transport: new UnixTransport({ path: fake.path }), name: null }).then(
        () => assert.fail('expected an error'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof LibvirtAuthError);
      assert.match(err.message, /SASL authentication is not supported by hv/);
      assert.match(err.message, /qemu\+ssh/);
      const server = fake.clients[0]!;
      if (!server.socket.destroyed && !server.socket.readableEnded) await once(server.socket, 'close');
      assert.equal(calls(fake).includes(RemoteProc.CONNECT_OPEN), false);
    });
  });

  it('passes a CONNECT_OPEN failure through as LibvirtError and closes the socket', async () => {
    await withFake({}, async (fake) => {
      fake.handle(RemoteProc.CONNECT_OPEN, () => ({
        error: { code: 60, message: 'no connection driver available' },
      }));
      const err = await openSession({
        transport: new UnixTransport({ path: fake.path }),
        name: 'bogus:///',
      }).then(
        () => assert.fail('expected an error'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof LibvirtError);
      assert.equal(err.code, 60);
      const server = fake.clients[0]!;
      if (!server.socket.destroyed && !server.socket.readableEnded) await once(server.socket, 'close');
    });
  });
});
