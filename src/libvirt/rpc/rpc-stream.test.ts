// Tests data streams over RpcConnection against the fake daemon: download, upload, backpressure both
// ways, abort, daemon errors and connection loss.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import { xdr } from '../xdr/index.js';
import { MessageStatus, MessageType, type Packet } from '../protocol/packet.js';
import { LibvirtError, LibvirtTimeoutError, LibvirtUnavailableError } from '../errors/index.js';
import { UnixTransport } from '../transport/unix-transport.js';
import { FakeLibvirtd, type FakeClient, encodeRemoteError } from '../../../test/helpers/fake-libvirtd.js';
import { RpcConnection, type RpcConnectionOptions } from './rpc-connection.js';
import { defineProcedure } from './procedure-spec.js';
import { STREAM_CHUNK_MAX } from './rpc-stream.js';

const PROC_DOWNLOAD = 209;
const PROC_UPLOAD = 208;
const download = defineProcedure({
  name: 'TEST_DOWNLOAD',
  procedure: PROC_DOWNLOAD,
  args: xdr.void,
  ret: xdr.void,
});
const upload = defineProcedure({
  name: 'TEST_UPLOAD',
  procedure: PROC_UPLOAD,
  args: xdr.void,
  ret: xdr.void,
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

async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((resolve) => setTimeout(resolve, 2));
}

const streamPackets = (server: FakeClient, serial: number): Packet[] =>
  server.received.filter((p) => p.header.type === MessageType.STREAM && p.header.serial === serial);

/** Resolves once the stream emitted 'close' (at once if it already did). */
async function closed(stream: Readable): Promise<void> {
  if (!stream.closed) await once(stream, 'close');
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('RpcStream', () => {
  let fake: FakeLibvirtd;
  before(async () => {
    fake = await FakeLibvirtd.start();
  });
  after(async () => {
    await fake.stop();
  });

  it('downloads: 3 CONTINUE chunks then OK end the readable; we answer with OK', async () => {
    fake.handle(PROC_DOWNLOAD, (call) => {
      call.client.reply(call);
      for (const part of ['alpha-', 'beta-', 'gamma'])
        call.client.stream(call, MessageStatus.CONTINUE, Buffer.from(part));
      call.client.stream(call, MessageStatus.OK);
      return undefined;
    });
    const { conn, server } = await connectPair(fake);
    const { stream } = await conn.openStream(download, undefined);
    assert.equal((await collect(stream)).toString(), 'alpha-beta-gamma');
    await until(() => streamPackets(server, stream.serial).some((p) => p.header.status === MessageStatus.OK));
    const ours = streamPackets(server, stream.serial);
    assert.deepEqual(
      ours.map((p) => p.header.status),
      [MessageStatus.OK],
      'exactly one STREAM OK from us, no abort',
    );
    await closed(stream);
    assert.equal(conn.stats.streams, 0);
    conn.destroy();
  });

  it("downloads libvirt's way: empty CONTINUE is EOF, our OK is confirmed by the daemon", async () => {
    fake.handle(PROC_DOWNLOAD, (call) => {
      call.client.reply(call);
      call.client.stream(call, MessageStatus.CONTINUE, Buffer.from('data'));
      call.client.stream(call, MessageStatus.CONTINUE);
      return undefined;
    });
    const { conn } = await connectPair(fake);
    const finishSeen = fake.waitFor(
      (p) => p.header.type === MessageType.STREAM && p.header.status === MessageStatus.OK,
    );
    const { stream } = await conn.openStream(download, undefined);
    const data = collect(stream);
    const ok = await finishSeen;
    ok.client.stream(ok, MessageStatus.OK); // the daemon's confirmation
    assert.equal((await data).toString(), 'data');
    await closed(stream);
    assert.equal(stream.destroyed, true);
    conn.destroy();
  });

  it('pauses the socket while the reader is behind, then delivers every byte', async () => {
    const total = 24 * STREAM_CHUNK_MAX; // 6 MiB
    const payload = randomBytes(total);
    let serverSocketBacked = false;
    fake.handle(PROC_DOWNLOAD, (call) => {
      call.client.reply(call);
      for (let off = 0; off < total; off += STREAM_CHUNK_MAX) {
        call.client.stream(call, MessageStatus.CONTINUE, payload.subarray(off, off + STREAM_CHUNK_MAX));
      }
      call.client.stream(call, MessageStatus.OK);
      serverSocketBacked = call.client.socket.writableLength > 0;
      return undefined;
    });
    const { conn } = await connectPair(fake, { streamHighWaterMark: 512 * 1024 });
    const { stream } = await conn.openStream(download, undefined);
    // Nobody reads yet: the client must stop pulling from the socket.
    await until(() => stream.readableLength >= 512 * 1024);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(serverSocketBacked, 'the fake could not write everything at once');
    assert.ok(conn.stats.bytesIn < total / 2, `read only ${conn.stats.bytesIn} of ${total} bytes`);
    assert.ok(stream.readableLength < 2 * 1024 * 1024, 'buffered bytes stay bounded');
    const got = await collect(stream);
    assert.equal(got.length, total);
    assert.ok(got.equals(payload));
    conn.destroy();
  });

  it('uploads in chunks <= 256 KiB; finish waits for the daemon to confirm', async () => {
    const payload = randomBytes(3 * STREAM_CHUNK_MAX + 1234);
    fake.handle(PROC_UPLOAD, (call) => {
      call.client.reply(call);
      return undefined;
    });
    const { conn, server } = await connectPair(fake);
    const { stream } = await conn.openStream(upload, undefined);
    const finishSeen = fake.waitFor(
      (p) =>
        p.header.type === MessageType.STREAM &&
        p.header.serial === stream.serial &&
        p.header.status === MessageStatus.OK,
    );
    let finished = false;
    stream.on('finish', () => {
      finished = true;
    });
    const done = pipeline(Readable.from([payload.subarray(0, 1000), payload.subarray(1000)]), stream);
    const ok = await finishSeen;
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(finished, false, "'finish' waits for the daemon's confirmation");
    ok.client.stream(ok, MessageStatus.OK);
    await done;
    assert.equal(finished, true);
    const data = streamPackets(server, stream.serial).filter(
      (p) => p.header.status === MessageStatus.CONTINUE,
    );
    assert.ok(data.every((p) => p.payload.length <= STREAM_CHUNK_MAX));
    assert.ok(Buffer.concat(data.map((p) => p.payload)).equals(payload));
    conn.destroy();
  });

  it('holds back writers while the socket does not drain', async () => {
    const total = 32 * 1024 * 1024;
    fake.handle(PROC_UPLOAD, (call) => {
      call.client.reply(call);
      return undefined;
    });
    const { conn, server } = await connectPair(fake);
    const { stream } = await conn.openStream(upload, undefined);
    await until(() => server.received.length > 0);
    server.socket.pause(); // the daemon stops reading
    let produced = 0;
    const source = new Readable({
      read() {
        if (produced >= total) {
          this.push(null);
          return;
        }
        produced += 64 * 1024;
        this.push(Buffer.alloc(64 * 1024, 7));
      },
    });
    const done = pipeline(source, stream);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(produced < total / 2, `source read only ${produced} of ${total} bytes while blocked`);
    const sentWhileBlocked = conn.stats.bytesOut;
    assert.ok(sentWhileBlocked < total / 2);
    const finishSeen = fake.waitFor(
      (p) =>
        p.header.type === MessageType.STREAM &&
        p.header.serial === stream.serial &&
        p.header.status === MessageStatus.OK,
    );
    server.socket.resume();
    const ok = await finishSeen;
    ok.client.stream(ok, MessageStatus.OK);
    await done;
    const received = streamPackets(server, stream.serial)
      .filter((p) => p.header.status === MessageStatus.CONTINUE)
      .reduce((n, p) => n + p.payload.length, 0);
    assert.equal(received, total);
    conn.destroy();
  });

  it('destroy() aborts the stream on the daemon with STREAM ERROR', async () => {
    fake.handle(PROC_DOWNLOAD, (call) => {
      call.client.reply(call);
      call.client.stream(call, MessageStatus.CONTINUE, Buffer.from('x'));
      return undefined;
    });
    const { conn } = await connectPair(fake);
    const { stream } = await conn.openStream(download, undefined);
    const abortSeen = fake.waitFor(
      (p) => p.header.type === MessageType.STREAM && p.header.serial === stream.serial,
    );
    stream.destroy();
    const abort = await abortSeen;
    assert.equal(abort.header.status, MessageStatus.ERROR);
    assert.equal(abort.header.procedure, PROC_DOWNLOAD);
    // Data still in flight and the daemon's confirmation are absorbed quietly (not counted as junk);
    // a packet for an unknown serial sent after them is counted, proving they were processed.
    abort.client.stream(abort, MessageStatus.CONTINUE, Buffer.from('late'));
    abort.client.stream(abort, MessageStatus.OK);
    abort.client.send({ procedure: PROC_DOWNLOAD, type: MessageType.STREAM, serial: 999 });
    await until(() => conn.stats.dropped >= 1);
    assert.equal(conn.stats.dropped, 1);
    assert.equal(conn.closed, false);
    conn.destroy();
  });

  it('aborts a stream whose opening call timed out if the daemon opens it late', async () => {
    fake.handle(PROC_DOWNLOAD, () => undefined);
    const { conn } = await connectPair(fake);
    const callSeen = fake.nextCall(PROC_DOWNLOAD);
    await assert.rejects(conn.openStream(download, undefined, { timeoutMs: 20 }), LibvirtTimeoutError);
    const call = await callSeen;
    const abortSeen = fake.waitFor(
      (p) => p.header.type === MessageType.STREAM && p.header.serial === call.header.serial,
    );
    call.client.reply(call);
    const abort = await abortSeen;
    assert.equal(abort.header.status, MessageStatus.ERROR);
    assert.equal(conn.stats.streams, 0);
    conn.destroy();
  });

  it('a STREAM ERROR from the daemon destroys the stream with a LibvirtError', async () => {
    fake.handle(PROC_DOWNLOAD, (call) => {
      call.client.reply(call);
      call.client.stream(call, MessageStatus.CONTINUE, Buffer.from('part'));
      call.client.stream(call, MessageStatus.ERROR, encodeRemoteError({ code: 38, message: 'I/O error' }));
      return undefined;
    });
    const { conn, server } = await connectPair(fake);
    const { stream } = await conn.openStream(download, undefined);
    const err = await collect(stream).then(
      () => assert.fail('expected an error'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof LibvirtError);
    assert.equal(err.code, 38);
    const ours = streamPackets(server, stream.serial);
    assert.equal(ours.length, 0, 'no abort is sent back for a daemon-side error');
    conn.destroy();
  });

  it('a STREAM ERROR before the REPLY rejects openStream (nobody holds the stream yet)', async () => {
    fake.handle(PROC_DOWNLOAD, (call) => {
      call.client.stream(call, MessageStatus.ERROR, encodeRemoteError({ code: 1, message: 'early failure' }));
      return undefined;
    });
    const { conn } = await connectPair(fake);
    await assert.rejects(conn.openStream(download, undefined), /early failure/);
    assert.equal(conn.stats.streams, 0);
    assert.equal(conn.stats.inFlight, 0);
    conn.destroy();
  });

  it('a REPLY ERROR to the opening call rejects openStream', async () => {
    fake.handle(PROC_DOWNLOAD, () => ({ error: { code: 55, message: 'Requested operation is not valid' } }));
    const { conn } = await connectPair(fake);
    const err = await conn.openStream(download, undefined).then(
      () => assert.fail('expected an error'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof LibvirtError);
    assert.equal(conn.stats.streams, 0);
    conn.destroy();
  });

  it('connection loss errors an open stream with LibvirtUnavailableError', async () => {
    fake.handle(PROC_DOWNLOAD, (call) => {
      call.client.reply(call);
      setImmediate(() => call.client.socket.destroy());
      return undefined;
    });
    const { conn } = await connectPair(fake);
    const { stream } = await conn.openStream(download, undefined);
    const sink = new Writable({
      write: (_c, _e, cb) => {
        cb();
      },
    });
    await assert.rejects(pipeline(stream, sink), LibvirtUnavailableError);
  });
});
