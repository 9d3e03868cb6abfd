// Tests ReconnectingSession against the fake daemon: a killed daemon fails in-flight calls, waiting
// calls resume after the restart, the handshake runs again, onReconnect fires, event handlers survive.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { xdr } from '../xdr/index.js';
import { MessageType, Program } from '../protocol/packet.js';
import { RemoteProc } from '../protocol/procedures.js';
import { LibvirtUnavailableError } from '../errors/index.js';
import { UnixTransport } from '../transport/unix-transport.js';
import { FakeLibvirtd, ints } from '../../../test/helpers/fake-libvirtd.js';
import { ReconnectingSession, type ReconnectingSessionOptions } from './reconnecting-session.js';
import { defineProcedure } from './procedure-spec.js';

const PROC_ECHO = 9001;
const PROC_HANG = 9002;
const echo = defineProcedure({
  name: 'TEST_ECHO',
  procedure: PROC_ECHO,
  args: xdr.struct({ v: xdr.int }),
  ret: xdr.struct({ v: xdr.int }),
});
const hang = defineProcedure({ name: 'TEST_HANG', procedure: PROC_HANG, args: xdr.void, ret: xdr.void });

async function startFake(): Promise<FakeLibvirtd> {
  const fake = await FakeLibvirtd.start();
  fake.handle(PROC_ECHO, (call) => call.payload);
  fake.handle(PROC_HANG, () => undefined);
  return fake;
}

function options(
  fake: FakeLibvirtd,
  extra: Partial<ReconnectingSessionOptions> = {},
): ReconnectingSessionOptions {
  return {
    transport: new UnixTransport({ path: fake.path }),
    name: 'test:///default',
    keepalive: false,
    backoff: { initialMs: 5, maxMs: 40 },
    ...extra,
  };
}

const opens = (fake: FakeLibvirtd): number => fake.packets(MessageType.CALL, RemoteProc.CONNECT_OPEN).length;

describe('ReconnectingSession', () => {
  it('fails in-flight calls, reconnects after a restart, re-runs the handshake, keeps handlers', async () => {
    const fake = await startFake();
    const session = await ReconnectingSession.open(options(fake));
    try {
      const events: number[] = [];
      session.onMessage(Program.REMOTE, 318, (payload) => events.push(payload.readInt32BE(0)));
      const disconnects: Error[] = [];
      session.onDisconnect((err) => disconnects.push(err));
      let reconnected = 0;
      const reconnect = new Promise<void>((resolve) =>
        session.onReconnect(() => {
          reconnected += 1;
          resolve();
        }),
      );

      const first = await fake.client(0);
      first.send({ procedure: 318, type: MessageType.MESSAGE }, ints(1));
      assert.deepEqual(await session.call(echo, { v: 1 }), { v: 1 });
      assert.deepEqual(events, [1]);

      const hangSeen = fake.nextCall(PROC_HANG);
      const inFlight = session.call(hang, undefined);
      await hangSeen;
      await fake.kill();
      await assert.rejects(inFlight, LibvirtUnavailableError);
      assert.equal(session.connected, false);
      assert.equal(disconnects.length, 1);

      // A call made while disconnected waits for the reconnect.
      const waiting = session.call(echo, { v: 2 }, { timeoutMs: 5000 });
      await new Promise((resolve) => setTimeout(resolve, 30));
      await fake.listen();
      await reconnect;
      assert.deepEqual(await waiting, { v: 2 });
      assert.equal(reconnected, 1);
      assert.equal(session.reconnects, 1);
      assert.equal(opens(fake), 2, 'CONNECT_OPEN ran again');
      assert.equal(fake.packets(MessageType.CALL, PROC_HANG).length, 1, 'the in-flight call was not retried');

      const second = await fake.client(fake.clients.length - 1);
      second.send({ procedure: 318, type: MessageType.MESSAGE }, ints(2));
      await session.call(echo, { v: 3 });
      assert.deepEqual(events, [1, 2]);
    } finally {
      await session.close();
      await fake.stop();
    }
  });

  it('failFast rejects calls at once while disconnected; waiting calls give up after their timeout', async () => {
    const fake = await startFake();
    const fast = await ReconnectingSession.open(options(fake, { failFast: true }));
    const slow = await ReconnectingSession.open(options(fake));
    try {
      await fake.kill();
      await new Promise((resolve) => setTimeout(resolve, 20));
      await assert.rejects(fast.call(echo, { v: 1 }), LibvirtUnavailableError);
      const err = await slow.call(echo, { v: 1 }, { timeoutMs: 30 }).then(
        () => assert.fail('expected an error'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof LibvirtUnavailableError);
      assert.match(err.message, /not reconnected within 30 ms/);
    } finally {
      await fast.close();
      await slow.close();
      await fake.stop();
    }
  });

  it('close() stops reconnecting and rejects waiting calls', async () => {
    const fake = await startFake();
    const session = await ReconnectingSession.open(options(fake));
    await fake.kill();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const waiting = session.call(echo, { v: 1 });
    await session.close();
    await assert.rejects(waiting, LibvirtUnavailableError);
    await fake.listen();
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(session.connected, false);
    assert.equal(fake.clients.length, 1, 'no reconnect after close');
    await fake.stop();
  });

  it('open() rejects when the first connection fails (no retry)', async () => {
    const fake = await startFake();
    await fake.stop();
    await assert.rejects(ReconnectingSession.open(options(fake)), LibvirtUnavailableError);
  });
});
