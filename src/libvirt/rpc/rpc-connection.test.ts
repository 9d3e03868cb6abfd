// Tests RpcConnection against a scripted fake daemon on a temp Unix socket: framing, serial matching,
// the in-flight limit, timeouts/aborts, daemon errors, malformed input and events.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { xdr } from '../xdr/index.js';
import { MessageStatus, MessageType, Program } from '../protocol/packet.js';
import { RemoteProc } from '../protocol/procedures.js';
import {
  LibvirtAbortError,
  LibvirtError,
  LibvirtProtocolError,
  LibvirtTimeoutError,
  LibvirtUnavailableError,
} from '../errors/index.js';
import { UnixTransport } from '../transport/unix-transport.js';
import { FakeLibvirtd, type FakeClient, ints, type FakeCall } from '../../../test/helpers/fake-libvirtd.js';
import { RpcConnection, type RpcConnectionOptions } from './rpc-connection.js';
import { defineProcedure } from './procedure-spec.js';
import { connectOpen } from './handshake-procedures.js';

const PROC_ECHO = 9001;
const PROC_SLOW = 9002;
const PROC_STRING = 9003;
const echo = defineProcedure({
  name: 'TEST_ECHO',
  procedure: PROC_ECHO,
  args: xdr.struct({ v: xdr.int }),
  ret: xdr.struct({ v: xdr.int }),
});
const slow = defineProcedure({
  name: 'TEST_SLOW',
  procedure: PROC_SLOW,
  args: xdr.struct({ v: xdr.int }),
  ret: xdr.struct({ v: xdr.int }),
});
const stringRet = defineProcedure({
  name: 'TEST_STRING',
  procedure: PROC_STRING,
  args: xdr.void,
  ret: xdr.struct({ s: xdr.string(1024) }),
});

async function connect(fake: FakeLibvirtd, opts: RpcConnectionOptions = {}): Promise<RpcConnection> {
  const socket = await new UnixTransport({ path: fake.path }).open();
  return new RpcConnection(socket, { description: 'fake', ...opts });
}

async function connectPair(
  fake: FakeLibvirtd,
  opts: RpcConnectionOptions = {},
): Promise<{ conn: RpcConnection; server: FakeClient }> {
  const index = fake.clients.length;
  const conn = await connect(fake, opts);
  return { conn, server: await fake.client(index) };
}

/** Wait until `cond` holds, polling the event loop (bounded by the test runner's timeout). */
async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((resolve) => setTimeout(resolve, 2));
}

function header(length: number, type = MessageType.REPLY, serial = 1, status = MessageStatus.OK): Buffer {
  const b = Buffer.alloc(28);
  b.writeUInt32BE(length, 0);
  b.writeUInt32BE(Program.REMOTE, 4);
  b.writeUInt32BE(1, 8);
  b.writeInt32BE(PROC_ECHO, 12);
  b.writeInt32BE(type, 16);
  b.writeUInt32BE(serial, 20);
  b.writeInt32BE(status, 24);
  return b;
}

describe('RpcConnection', () => {
  let fake: FakeLibvirtd;
  before(async () => {
    fake = await FakeLibvirtd.start();
    fake.handle(PROC_ECHO, (call) => call.payload);
    fake.handle(PROC_SLOW, () => undefined);
  });
  after(async () => {
    await fake.stop();
  });

  it('sends the exact bytes libvirt expects for CONNECT_OPEN', async () => {
    const { conn, server } = await connectPair(fake);
    await conn.call(connectOpen, { name: 'test:///default', flags: 0 });
    const bytes = Buffer.concat(server.rawIn);
    const expected = Buffer.from(
      [
        '00000038', // length 56
        '20008086', // program REMOTE
        '00000001', // version
        '00000001', // procedure CONNECT_OPEN
        '00000000', // type CALL
        '00000001', // serial 1
        '00000000', // status OK
        '00000001', // name present
        '0000000f', // 15 bytes
        '746573743a2f2f2f64656661756c7400', // "test:///default" + 1 pad byte
        '00000000', // flags
      ].join(''),
      'hex',
    );
    assert.deepEqual(bytes, expected);
    conn.destroy();
  });

  it('matches replies arriving out of order by serial', async () => {
    const { conn, server } = await connectPair(fake);
    const calls: FakeCall[] = [];
    const seen = new Promise<void>((resolve) => {
      fake.handle(PROC_SLOW, (call) => {
        calls.push(call);
        if (calls.length === 3) resolve();
        return undefined;
      });
    });
    const results = [1, 2, 3].map((v) => conn.call(slow, { v }));
    await seen;
    for (const call of [...calls].reverse()) {
      const v = call.payload.readInt32BE(0);
      server.reply(call, ints(v * 10));
    }
    assert.deepEqual(await Promise.all(results), [{ v: 10 }, { v: 20 }, { v: 30 }]);
    assert.deepEqual(
      calls.map((c) => c.header.serial),
      [1, 2, 3],
    );
    fake.handle(PROC_SLOW, () => undefined);
    conn.destroy();
  });

  it('keeps at most 5 calls on the wire and queues the rest FIFO', async () => {
    const { conn, server } = await connectPair(fake);
    const pending: FakeCall[] = [];
    fake.handle(PROC_SLOW, (call) => {
      pending.push(call);
      return undefined;
    });
    const results = Array.from({ length: 12 }, (_, v) => conn.call(slow, { v }));
    await until(() => pending.length === 5);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(pending.length, 5, 'the daemon saw only 5 calls');
    assert.equal(conn.stats.inFlight, 5);
    assert.equal(conn.stats.queued, 7);
    let answered = 0;
    while (answered < 12) {
      await until(() => pending.length > 0);
      const call = pending.shift()!;
      server.reply(call, ints(call.payload.readInt32BE(0)));
      answered += 1;
    }
    const values = (await Promise.all(results)).map((r) => r.v);
    assert.deepEqual(values, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    assert.equal(server.maxOutstanding, 5);
    fake.handle(PROC_SLOW, () => undefined);
    conn.destroy();
  });

  it('a timed-out call frees its slot and its late reply is ignored', async () => {
    const { conn, server } = await connectPair(fake, { maxInFlight: 1 });
    const firstCall = fake.nextCall(PROC_SLOW);
    const late = conn.call(slow, { v: 1 }, { timeoutMs: 30 });
    const first = await firstCall;
    const queuedSent = fake.nextCall(PROC_ECHO);
    const queued = conn.call(echo, { v: 2 });
    await assert.rejects(late, LibvirtTimeoutError);
    await queuedSent; // the slot was freed: the queued call went out
    assert.deepEqual(await queued, { v: 2 });
    const dropped = conn.stats.dropped;
    server.reply(first, ints(99));
    assert.deepEqual(await conn.call(echo, { v: 3 }), { v: 3 });
    assert.equal(conn.stats.dropped, dropped + 1);
    assert.equal(conn.closed, false);
    conn.destroy();
  });

  it('an aborted call frees its slot; a queued call can be aborted too', async () => {
    const { conn, server } = await connectPair(fake, { maxInFlight: 1 });
    const ac = new AbortController();
    const ac2 = new AbortController();
    const firstCall = fake.nextCall(PROC_SLOW);
    const onWire = conn.call(slow, { v: 1 }, { signal: ac.signal });
    const first = await firstCall;
    const queued = conn.call(slow, { v: 2 }, { signal: ac2.signal });
    ac2.abort();
    await assert.rejects(queued, LibvirtAbortError);
    assert.equal(conn.stats.queued, 0);
    ac.abort();
    await assert.rejects(onWire, LibvirtAbortError);
    assert.equal(conn.stats.inFlight, 0);
    server.reply(first, ints(1));
    assert.deepEqual(await conn.call(echo, { v: 5 }), { v: 5 });
    await assert.rejects(conn.call(echo, { v: 1 }, { signal: AbortSignal.abort() }), LibvirtAbortError);
    conn.destroy();
  });

  it('turns REPLY ERROR into a LibvirtError with the daemon code and message', async () => {
    fake.handle(RemoteProc.CONNECT_OPEN, () => ({
      error: { code: 42, domain: 10, message: "Domain not found: 'x'" },
    }));
    const conn = await connect(fake);
    const err = await conn.call(connectOpen, { name: null, flags: 0 }).then(
      () => assert.fail('expected an error'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof LibvirtError);
    assert.equal(err.code, 42);
    assert.match(err.message, /Domain not found/);
    fake.handle(RemoteProc.CONNECT_OPEN, () => Buffer.alloc(0));
    conn.destroy();
  });

  it('rejects an undecodable reply with LibvirtProtocolError and stays usable', async () => {
    fake.handle(PROC_STRING, () => ints(1000, 0x41414141)); // claims 1000 bytes, sends 4
    const conn = await connect(fake);
    await assert.rejects(conn.call(stringRet, undefined), LibvirtProtocolError);
    assert.deepEqual(await conn.call(echo, { v: 7 }), { v: 7 });
    conn.destroy();
  });

  it('drops packets with unknown serial, type or program, and unsubscribed events', async () => {
    const { conn, server } = await connectPair(fake);
    server.send({ procedure: PROC_ECHO, type: MessageType.REPLY, serial: 777 }, ints(1));
    server.send({ procedure: PROC_ECHO, type: 9, serial: 1 });
    server.send({ program: 0x12345678, procedure: 1, type: MessageType.MESSAGE });
    server.send({ procedure: 318, type: MessageType.MESSAGE }, ints(1, 2));
    assert.deepEqual(await conn.call(echo, { v: 8 }), { v: 8 });
    assert.equal(conn.stats.dropped, 4);
    assert.equal(conn.closed, false);
    conn.destroy();
  });

  for (const [what, bytes] of [
    ['a length below the header size', header(20)],
    ['a declared 2 GiB length', header(0x80000000)],
    ['a length word of 0xffffffff', header(0xffffffff)],
  ] as const) {
    it(`drops the connection on ${what} and rejects pending calls as unavailable`, async () => {
      const { conn, server } = await connectPair(fake);
      const pending = conn.call(slow, { v: 1 });
      await fake.nextCall(PROC_SLOW);
      const before = process.memoryUsage().arrayBuffers;
      server.writeRaw(bytes);
      const err = await pending.then(
        () => assert.fail('expected rejection'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof LibvirtUnavailableError);
      assert.ok(err.cause instanceof LibvirtProtocolError, 'cause is the protocol error');
      assert.equal(conn.closed, true);
      assert.ok(process.memoryUsage().arrayBuffers - before < 64 * 1024 * 1024, 'no huge allocation');
      await assert.rejects(conn.call(echo, { v: 1 }), LibvirtUnavailableError);
    });
  }

  it('rejects pending calls when the socket closes mid-packet', async () => {
    const { conn, server } = await connectPair(fake);
    const closed = new Promise<Error | undefined>((resolve) => conn.onClose(resolve));
    const pending = conn.call(slow, { v: 1 });
    await fake.nextCall(PROC_SLOW);
    server.writeRaw(Buffer.concat([header(100), Buffer.alloc(12)])); // truncated payload
    server.socket.end();
    await assert.rejects(pending, LibvirtUnavailableError);
    assert.ok((await closed) instanceof LibvirtUnavailableError);
  });

  it('routes events to subscribers, survives a throwing handler, unsubscribes', async () => {
    const errors: unknown[] = [];
    const { conn, server } = await connectPair(fake, { onHandlerError: (e) => errors.push(e) });
    const got: Buffer[] = [];
    const off = conn.onMessage(Program.REMOTE, 318, (p) => got.push(p));
    conn.onMessage(Program.REMOTE, 318, () => {
      throw new Error('subscriber bug');
    });
    server.send({ procedure: 318, type: MessageType.MESSAGE }, ints(7, 1));
    assert.deepEqual(await conn.call(echo, { v: 1 }), { v: 1 });
    assert.deepEqual(got, [ints(7, 1)]);
    assert.equal(errors.length, 1);
    assert.equal(conn.stats.events, 1);
    off();
    server.send({ procedure: 318, type: MessageType.MESSAGE }, ints(8, 1));
    await conn.call(echo, { v: 1 });
    assert.equal(got.length, 1);
    conn.destroy();
  });

  it('close() ends the socket, reports no error, and refuses later calls', async () => {
    const { conn, server } = await connectPair(fake);
    const closed = new Promise<Error | undefined>((resolve) => conn.onClose(resolve));
    await conn.call(echo, { v: 1 });
    const ended = once(server.socket, 'end');
    await conn.close();
    await ended;
    assert.equal(await closed, undefined);
    assert.equal(conn.closed, true);
    await assert.rejects(conn.call(echo, { v: 1 }), LibvirtUnavailableError);
    assert.equal(conn.stats.calls, 1);
    assert.ok(conn.stats.bytesOut > 0 && conn.stats.bytesIn > 0);
  });
});
