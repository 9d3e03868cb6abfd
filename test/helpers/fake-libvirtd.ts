// Why: the RPC layer is tested against a peer that speaks libvirt's framing on a real Unix socket, with
// every reply scripted by the test. This fake is the PEER, not the code under test: it knows only the
// packet format (encodePacket / FrameDecoder) and writes reply bodies by hand with XdrWriter.
import { createServer, type Server, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XdrWriter } from '../../src/libvirt/xdr/xdr-writer.js';
import {
  encodePacket,
  MessageStatus,
  MessageType,
  Program,
  type Packet,
  type PacketHeader,
} from '../../src/libvirt/protocol/packet.js';
import { FrameDecoder } from '../../src/libvirt/protocol/frame-decoder.js';
import { KeepaliveProc, RemoteProc } from '../../src/libvirt/protocol/procedures.js';

/** A packet the fake received, with the client connection it came from. */
export interface FakeCall extends Packet {
  readonly client: FakeClient;
}

/**
 * Decides the answer to a CALL: a Buffer = REPLY OK with that body, `{ error }` = REPLY ERROR,
 * undefined = the handler answers later itself (or never).
 */
export type FakeHandler = (call: FakeCall) => Buffer | { error: FakeRemoteError } | undefined;

/** The parts of a remote_error the fake sends. */
export interface FakeRemoteError {
  readonly code: number;
  readonly message: string;
  readonly domain?: number;
  readonly level?: number;
}

const EMPTY = Buffer.alloc(0);

/** Encode a remote_error by hand (the fake must not share the client's codecs). */
export function encodeRemoteError(err: FakeRemoteError): Buffer {
  const w = new XdrWriter();
  w.int(err.code);
  w.int(err.domain ?? 0);
  w.uint(1); // message present
  w.string(err.message);
  w.int(err.level ?? 2);
  w.uint(0); // dom absent
  w.uint(0); // str1
  w.uint(0); // str2
  w.uint(0); // str3
  w.int(0); // int1
  w.int(0); // int2
  w.uint(0); // net absent
  return w.toBuffer();
}

/** Body of a reply made of 32-bit ints, e.g. `{int supported}` or `{types<>}` via a count first. */
export function ints(...values: number[]): Buffer {
  const w = new XdrWriter();
  for (const v of values) w.int(v);
  return w.toBuffer();
}

/** One client connection as seen by the fake daemon. */
export class FakeClient {
  readonly socket: Socket;
  readonly received: Packet[] = [];
  /** Every byte received, as read from the socket. */
  readonly rawIn: Buffer[] = [];
  /** Calls received and not yet answered. */
  outstanding = 0;
  /** Highest value `outstanding` ever reached. */
  maxOutstanding = 0;
  decodeErrors = 0;

  constructor(socket: Socket) {
    this.socket = socket;
  }

  /** Send one packet (any header fields not given default to REMOTE program, version 1, status OK). */
  send(header: Partial<PacketHeader> & { procedure: number; type: number }, payload: Buffer = EMPTY): void {
    const full: PacketHeader = {
      program: header.program ?? Program.REMOTE,
      version: header.version ?? 1,
      procedure: header.procedure,
      type: header.type,
      serial: header.serial ?? 0,
      status: header.status ?? MessageStatus.OK,
    };
    if (full.type === MessageType.REPLY) this.outstanding = Math.max(0, this.outstanding - 1);
    if (!this.socket.destroyed) this.socket.write(encodePacket(full, payload));
  }

  /** REPLY OK to a call. */
  reply(call: Packet, payload: Buffer = EMPTY): void {
    this.send({ ...call.header, type: MessageType.REPLY, status: MessageStatus.OK }, payload);
  }

  /** REPLY ERROR to a call. */
  replyError(call: Packet, err: FakeRemoteError): void {
    this.send(
      { ...call.header, type: MessageType.REPLY, status: MessageStatus.ERROR },
      encodeRemoteError(err),
    );
  }

  /** STREAM packet on a call's serial. */
  stream(call: Packet, status: number, payload: Buffer = EMPTY): void {
    this.send({ ...call.header, type: MessageType.STREAM, status }, payload);
  }

  /** Raw bytes, for malformed-packet tests. */
  writeRaw(bytes: Buffer): void {
    this.socket.write(bytes);
  }
}

/** Options of the fake daemon. */
export interface FakeLibvirtdOptions {
  /** AUTH_LIST answer (default [0] = none). */
  authTypes?: number[];
  /** AUTH_POLKIT `complete` answer (default 1). */
  polkitComplete?: number;
  /** CONNECT_SUPPORTS_FEATURE answer (default 1). */
  featureSupported?: number;
  /** Answer keepalive PINGs with PONG (default true). */
  answerPings?: boolean;
  /** Socket path (default: a fresh temp dir). */
  path?: string;
}

/** A scripted libvirt daemon on a temporary Unix socket. */
export class FakeLibvirtd {
  readonly path: string;
  readonly options: FakeLibvirtdOptions;
  readonly clients: FakeClient[] = [];
  /** Every packet received, in order. */
  readonly received: FakeCall[] = [];
  readonly #handlers = new Map<string, FakeHandler>();
  readonly #waiters = new Set<{ match: (p: FakeCall) => boolean; resolve: (p: FakeCall) => void }>();
  readonly #clientWaiters = new Set<() => void>();
  readonly #dir: string | undefined;
  #server: Server | undefined;

  private constructor(path: string, dir: string | undefined, options: FakeLibvirtdOptions) {
    this.path = path;
    this.#dir = dir;
    this.options = options;
    this.handle(RemoteProc.AUTH_LIST, () => {
      const types = this.options.authTypes ?? [0];
      return ints(types.length, ...types);
    });
    this.handle(RemoteProc.AUTH_POLKIT, () => ints(this.options.polkitComplete ?? 1));
    this.handle(RemoteProc.CONNECT_OPEN, () => EMPTY);
    this.handle(RemoteProc.CONNECT_CLOSE, () => EMPTY);
    this.handle(RemoteProc.CONNECT_SUPPORTS_FEATURE, () => ints(this.options.featureSupported ?? 1));
  }

  /** Start listening on a temp socket (or `options.path`). */
  static async start(options: FakeLibvirtdOptions = {}): Promise<FakeLibvirtd> {
    const dir = options.path === undefined ? mkdtempSync(join(tmpdir(), 'hv-fake-libvirtd-')) : undefined;
    const path = options.path ?? join(dir as string, 'libvirt-sock');
    const fake = new FakeLibvirtd(path, dir, options);
    await fake.listen();
    return fake;
  }

  /** Script the answer to one procedure (REMOTE program unless given). */
  handle(procedure: number, handler: FakeHandler, program: number = Program.REMOTE): void {
    this.#handlers.set(`${program}:${procedure}`, handler);
  }

  /** Resolves with the next packet received AFTER this call that matches `match`. */
  waitFor(match: (p: FakeCall) => boolean): Promise<FakeCall> {
    return new Promise((resolve) => {
      this.#waiters.add({ match, resolve });
    });
  }

  /** Resolves with the `index`-th client connection once it was accepted. */
  async client(index = 0): Promise<FakeClient> {
    for (;;) {
      const client = this.clients[index];
      if (client !== undefined) return client;
      await new Promise<void>((resolve) => {
        this.#clientWaiters.add(resolve);
      });
    }
  }

  /** Resolves with the next CALL of `procedure` received after this call. */
  nextCall(procedure: number): Promise<FakeCall> {
    return this.waitFor((p) => p.header.type === MessageType.CALL && p.header.procedure === procedure);
  }

  /** Packets received of one type/procedure. */
  packets(type: number, procedure?: number): FakeCall[] {
    return this.received.filter(
      (p) => p.header.type === type && (procedure === undefined || p.header.procedure === procedure),
    );
  }

  /** (Re)start listening on the same path. */
  async listen(): Promise<void> {
    const server = createServer((socket) => {
      this.#accept(socket);
    });
    this.#server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.path, () => {
        server.off('error', reject);
        resolve();
      });
    });
  }

  /** Stop listening and drop every client (like a daemon dying). */
  async kill(): Promise<void> {
    for (const client of this.clients) client.socket.destroy();
    const server = this.#server;
    this.#server = undefined;
    if (server !== undefined) {
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
    }
  }

  /** Kill and remove the temp directory. */
  async stop(): Promise<void> {
    await this.kill();
    if (this.#dir !== undefined) rmSync(this.#dir, { recursive: true, force: true });
  }

  #accept(socket: Socket): void {
    const client = new FakeClient(socket);
    this.clients.push(client);
    const waiters = [...this.#clientWaiters];
    this.#clientWaiters.clear();
    for (const wake of waiters) wake();
    const decoder = new FrameDecoder({});
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => {
      client.rawIn.push(chunk);
      let packets: Packet[];
      try {
        packets = decoder.push(chunk);
      } catch {
        client.decodeErrors += 1;
        socket.destroy();
        return;
      }
      for (const packet of packets) this.#receive({ ...packet, client });
    });
  }

  #receive(call: FakeCall): void {
    const { client, header } = call;
    client.received.push(call);
    this.received.push(call);
    if (header.type === MessageType.CALL) {
      client.outstanding += 1;
      client.maxOutstanding = Math.max(client.maxOutstanding, client.outstanding);
    }
    for (const waiter of [...this.#waiters]) {
      if (waiter.match(call)) {
        this.#waiters.delete(waiter);
        waiter.resolve(call);
      }
    }
    if (header.program === Program.KEEPALIVE && header.procedure === KeepaliveProc.PING) {
      if (this.options.answerPings !== false) {
        client.send({ program: Program.KEEPALIVE, procedure: KeepaliveProc.PONG, type: MessageType.MESSAGE });
      }
      return;
    }
    if (header.type !== MessageType.CALL) return;
    const handler = this.#handlers.get(`${header.program}:${header.procedure}`);
    if (handler === undefined) return;
    const answer = handler(call);
    if (answer === undefined) return;
    if (Buffer.isBuffer(answer)) client.reply(call, answer);
    else client.replyError(call, answer.error);
  }
}
