// Why: one libvirt connection multiplexes calls, replies, events, keepalives and data streams over one
// byte stream. This class owns that socket: it frames and matches packets by serial, limits calls in
// flight, routes events and stream data, and turns every way the link can fail into typed errors that
// settle each waiting caller exactly once, without ever throwing out of a socket handler.
import type { Duplex } from 'node:stream';
import { encode } from '../xdr/codec.js';
import {
  encodePacket,
  HEADER_SIZE,
  MESSAGE_MAX,
  MessageStatus,
  MessageType,
  Program,
  type Packet,
  type PacketHeader,
} from '../protocol/packet.js';
import { FrameDecoder } from '../protocol/frame-decoder.js';
import { KeepaliveProc } from '../protocol/procedures.js';
import {
  LibvirtAbortError,
  LibvirtProtocolError,
  LibvirtUnavailableError,
  type LibvirtUnavailableReason,
} from '../errors/index.js';
import type { ProcedureSpec } from './procedure-spec.js';
import { PendingCall, type GiveUpReason } from './pending-call.js';
import { CallSlots } from './call-slots.js';
import { MessageRouter, type MessageHandler } from './message-router.js';
import { KeepaliveMonitor, type KeepaliveOptions } from './keepalive-monitor.js';
import type { RpcStream } from './rpc-stream.js';
import { StreamRegistry } from './stream-registry.js';
import { errorFromPayload } from './error-from-payload.js';
import { decodeReply } from './decode-reply.js';

/** Tuning of one connection. */
export interface RpcConnectionOptions {
  /** Calls on the wire at once; more wait in a FIFO (default 5 = libvirtd's max_client_requests). */
  readonly maxInFlight?: number;
  /** Default per-call timeout in ms (default 60000; 0 = none). */
  readonly callTimeoutMs?: number;
  /** Largest accepted packet (bytes after the length word); default the protocol's MESSAGE_MAX. */
  readonly maxMessage?: number;
  /** Name of the peer for error messages, e.g. `unix:/run/libvirt/libvirt-sock`. */
  readonly description?: string;
  /** Runs first in close() (e.g. a CONNECT_CLOSE call); its errors are ignored. */
  readonly goodbye?: (conn: RpcConnection) => Promise<void>;
  /** How long close() waits for the peer to close the socket before destroying it (default 2000). */
  readonly closeTimeoutMs?: number;
  /** Bytes a stream buffers for a slow reader before the socket is paused (default 1 MiB). */
  readonly streamHighWaterMark?: number;
  /** Told about exceptions thrown by onMessage handlers (they never reach the socket). */
  readonly onHandlerError?: (err: unknown) => void;
}

/** Per-call options. */
export interface RpcCallOptions {
  /** Overrides the connection's default timeout (ms; 0 = none). */
  readonly timeoutMs?: number;
  /** Aborting rejects the call with LibvirtAbortError and frees its slot. */
  readonly signal?: AbortSignal;
}

/** Counters for tests and metrics (a snapshot). */
export interface RpcStats {
  /** CALL packets sent. */
  readonly calls: number;
  /** REPLY packets matched to a call. */
  readonly replies: number;
  /** MESSAGE packets delivered to at least one handler. */
  readonly events: number;
  /** Packets nobody wanted: unknown serial (e.g. late replies), type, program, or unsubscribed event. */
  readonly dropped: number;
  readonly bytesIn: number;
  readonly bytesOut: number;
  readonly inFlight: number;
  readonly queued: number;
  readonly streams: number;
  readonly pingsSent: number;
  readonly pongsSent: number;
  readonly handlerErrors: number;
}

/** The result of opening a stream procedure. */
export interface RpcStreamResult<R> {
  readonly ret: R;
  readonly stream: RpcStream;
}

const DEFAULT_CALL_TIMEOUT_MS = 60_000;
const EMPTY = Buffer.alloc(0);

type AnySpec = ProcedureSpec<unknown, unknown>;

/** A libvirt RPC connection over one connected Duplex (see the module comment). */
export class RpcConnection {
  /** Name of the peer used in messages. */
  readonly description: string;
  readonly #socket: Duplex;
  readonly #options: RpcConnectionOptions;
  readonly #callTimeoutMs: number;
  readonly #decoder: FrameDecoder;
  readonly #slots: CallSlots;
  readonly #router: MessageRouter;
  readonly #streams: StreamRegistry;
  /** Stream-opening calls; the stream is created when the call goes on the wire. */
  readonly #openingStreams = new Map<PendingCall, RpcStream | undefined>();
  readonly #closeHandlers = new Set<(err?: Error) => void>();
  readonly #drainWaiters = new Set<{ resolve: () => void; reject: (err: Error) => void }>();
  #keepalive: KeepaliveMonitor | undefined;
  #closed = false;
  #closing = false;
  #closeError: Error | undefined;
  #closePromise: Promise<void> | undefined;
  #stats = {
    calls: 0,
    replies: 0,
    events: 0,
    dropped: 0,
    bytesIn: 0,
    bytesOut: 0,
    pingsSent: 0,
    pongsSent: 0,
    handlerErrors: 0,
  };

  /** Take ownership of a connected socket. Server PINGs are answered from now on. */
  constructor(socket: Duplex, options: RpcConnectionOptions = {}) {
    this.#socket = socket;
    this.#options = options;
    this.description = options.description ?? 'libvirt';
    this.#callTimeoutMs = Math.max(0, options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS);
    this.#decoder = new FrameDecoder(
      options.maxMessage === undefined ? {} : { maxMessage: options.maxMessage },
    );
    this.#streams = new StreamRegistry(
      {
        write: (header, payload) => this.#write(header, payload),
        whenDrained: () => this.#whenDrained(),
        pauseReading: () => {
          socket.pause();
        },
        resumeReading: () => {
          socket.resume();
        },
      },
      options.streamHighWaterMark,
    );
    this.#slots = new CallSlots(options.maxInFlight ?? 5, (serial) => this.#streams.has(serial));
    this.#router = new MessageRouter((err) => {
      this.#stats.handlerErrors += 1;
      options.onHandlerError?.(err);
    });
    socket.on('data', (chunk: Buffer | string) => {
      this.#onData(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    });
    socket.on('drain', () => {
      this.#settleDrainWaiters();
    });
    socket.on('error', (err: Error) => {
      this.#teardown(this.#unavailable(`connection error: ${err.message}`, 'lost', err));
    });
    socket.on('end', () => {
      this.#teardown(
        this.#closing ? undefined : this.#unavailable('connection closed by the daemon', 'lost'),
      );
    });
    socket.on('close', () => {
      this.#teardown(this.#closing ? undefined : this.#unavailable('connection closed', 'lost'));
    });
  }

  /** True once the connection is finished (no more calls possible). */
  get closed(): boolean {
    return this.#closed;
  }

  /** True while our keepalive monitor runs (after startKeepalive, until the connection ends). */
  get keepaliveRunning(): boolean {
    return this.#keepalive?.running === true;
  }

  /** Counters (snapshot). */
  get stats(): RpcStats {
    return {
      ...this.#stats,
      inFlight: this.#slots.inFlight,
      queued: this.#slots.queued,
      streams: this.#streams.size,
    };
  }

  /**
   * Call a procedure and resolve with its decoded reply. Rejects with LibvirtError (daemon error),
   * LibvirtTimeoutError, LibvirtAbortError, LibvirtProtocolError (undecodable reply) or
   * LibvirtUnavailableError (connection lost or closed).
   */
  call<A, R>(spec: ProcedureSpec<A, R>, args: A, opts: RpcCallOptions = {}): Promise<R> {
    return this.#start(spec, args, opts, false) as Promise<R>;
  }

  /**
   * Call a procedure that opens a data stream; resolves after its REPLY with the reply and the stream.
   * The timeout and signal cover the call only, not the stream's lifetime. Read (or destroy) the stream
   * promptly: while its buffer is full the connection stops reading the socket, which also holds back
   * replies to other calls on this connection. The stream does not count toward maxInFlight.
   */
  openStream<A, R>(
    spec: ProcedureSpec<A, R>,
    args: A,
    opts: RpcCallOptions = {},
  ): Promise<RpcStreamResult<R>> {
    return this.#start(spec, args, opts, true) as Promise<RpcStreamResult<R>>;
  }

  /** Listen for MESSAGE packets of one program/procedure (events); returns the unsubscribe function. */
  onMessage(program: number, procedure: number, handler: MessageHandler): () => void {
    return this.#router.subscribe(program, procedure, handler);
  }

  /**
   * Start our side of keepalive: PING after each `intervalMs` without traffic; when `count` PINGs in a
   * row went unanswered, destroy with LibvirtUnavailableError (reason 'keepalive'). Idempotent.
   */
  startKeepalive(options: KeepaliveOptions = {}): void {
    if (this.#closed || this.#keepalive !== undefined) return;
    this.#keepalive = new KeepaliveMonitor(options, {
      sendPing: () => {
        this.#stats.pingsSent += 1;
        this.#sendKeepalive(KeepaliveProc.PING);
      },
      onDead: (silentMs) => {
        this.#teardown(
          this.#unavailable(`keepalive timeout: no data from the daemon for ${silentMs} ms`, 'keepalive'),
        );
      },
      isReadingPaused: () => this.#streams.readingPaused,
    });
    this.#keepalive.start();
  }

  /** Be told when the connection ends: `err` is undefined after close()/destroy() without error. */
  onClose(handler: (err?: Error) => void): () => void {
    if (this.#closed) {
      const err = this.#closeError;
      queueMicrotask(() => {
        handler(err);
      });
      return () => undefined;
    }
    this.#closeHandlers.add(handler);
    return () => {
      this.#closeHandlers.delete(handler);
    };
  }

  /**
   * Close gracefully: run the goodbye hook, end the socket and wait for the peer to close it (bounded).
   * Calls still pending then reject with LibvirtUnavailableError. Idempotent.
   */
  close(): Promise<void> {
    if (this.#closePromise !== undefined) return this.#closePromise;
    if (this.#closed) return Promise.resolve();
    this.#closePromise = this.#closeGracefully();
    return this.#closePromise;
  }

  /** Close immediately. With `err`, pending calls and onClose handlers see it (as the cause). */
  destroy(err?: Error): void {
    if (err === undefined) {
      this.#closing = true;
      this.#teardown(undefined);
      return;
    }
    this.#teardown(
      err instanceof LibvirtUnavailableError ? err : this.#unavailable(err.message, 'lost', err),
    );
  }

  async #closeGracefully(): Promise<void> {
    const goodbye = this.#options.goodbye;
    if (goodbye !== undefined) {
      try {
        await goodbye(this);
      } catch {
        // The daemon may already be gone; closing goes on regardless.
      }
    }
    this.#closing = true;
    if (this.#closed) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.#teardown(undefined);
      }, this.#options.closeTimeoutMs ?? 2000);
      timer.unref();
      this.onClose(() => {
        clearTimeout(timer);
        resolve();
      });
      this.#socket.end();
    });
  }

  #start(spec: AnySpec, args: unknown, opts: RpcCallOptions, opensStream: boolean): Promise<unknown> {
    if (this.#closed || this.#closing) {
      return Promise.reject(
        this.#unavailable(`cannot call ${spec.name}: connection closed`, 'closed', this.#closeError),
      );
    }
    if (opts.signal?.aborted === true) {
      return Promise.reject(
        new LibvirtAbortError(`libvirt call ${spec.name} aborted`, { cause: opts.signal.reason }),
      );
    }
    let payload: Buffer;
    try {
      payload = encode(spec.args, args);
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    if (payload.length + HEADER_SIZE > MESSAGE_MAX) {
      return Promise.reject(
        new LibvirtProtocolError(
          `libvirt call ${spec.name}: ${payload.length} byte arguments exceed the message limit`,
        ),
      );
    }
    const timeoutMs = Math.max(0, opts.timeoutMs ?? this.#callTimeoutMs);
    const call = new PendingCall(spec, payload, timeoutMs, opts.signal, (c, reason) => {
      this.#giveUp(c, reason);
    });
    if (opensStream) this.#openingStreams.set(call, undefined);
    this.#slots.enqueue(call);
    this.#pump();
    return call.promise;
  }

  #pump(): void {
    if (this.#closed) return;
    for (const call of this.#slots.takeSendable()) {
      const { spec } = call;
      if (this.#openingStreams.has(call)) {
        // Registered before sending: data may follow the REPLY in the same chunk.
        this.#openingStreams.set(call, this.#streams.open(spec, call.serial));
      }
      this.#stats.calls += 1;
      this.#write(this.#header(spec, MessageType.CALL, call.serial, MessageStatus.OK), call.payload);
    }
  }

  #giveUp(call: PendingCall, _reason: GiveUpReason): void {
    const hadSlot = this.#slots.remove(call);
    const stream = this.#openingStreams.get(call);
    this.#openingStreams.delete(call);
    if (stream !== undefined) this.#streams.abandon(stream);
    if (hadSlot) this.#pump();
  }

  #onData(chunk: Buffer): void {
    if (this.#closed) return;
    this.#stats.bytesIn += chunk.length;
    this.#keepalive?.noteReceived();
    let packets: Packet[];
    try {
      packets = this.#decoder.push(chunk);
    } catch (err) {
      const cause = err instanceof Error ? err : new Error(String(err));
      this.#teardown(
        this.#unavailable(`protocol error, connection dropped: ${cause.message}`, 'lost', cause),
      );
      return;
    }
    for (const packet of packets) {
      if (this.closed) return; // a packet before may have ended the connection
      try {
        this.#dispatch(packet);
      } catch (err) {
        // A bug on our side must not escape into the socket's 'data' event.
        this.#stats.dropped += 1;
        this.#stats.handlerErrors += 1;
        this.#options.onHandlerError?.(err);
      }
    }
  }

  #dispatch(packet: Packet): void {
    const { header, payload } = packet;
    if (header.type === MessageType.REPLY) this.#onReply(header, payload);
    else if (header.type === MessageType.MESSAGE) this.#onMessage(header, payload);
    else if (header.type === MessageType.STREAM) this.#onStream(header, payload);
    else this.#stats.dropped += 1;
  }

  #onReply(header: PacketHeader, payload: Buffer): void {
    const call = this.#slots.complete(header.serial);
    if (call === undefined) {
      // A stream's failure, a late reply to an abandoned call, or junk.
      if (!this.#streams.onStrayReply(header, payload)) this.#stats.dropped += 1;
      return;
    }
    this.#stats.replies += 1;
    const stream = this.#openingStreams.get(call);
    this.#openingStreams.delete(call);
    const outcome = decodeReply(call.spec, header, payload);
    if (outcome.ok) {
      call.resolve(stream === undefined ? outcome.value : { ret: outcome.value, stream });
    } else {
      if (stream !== undefined) this.#streams.discard(stream);
      call.reject(outcome.error);
    }
    this.#pump();
  }

  #onMessage(header: PacketHeader, payload: Buffer): void {
    if (header.program === Program.KEEPALIVE) {
      if (header.procedure === KeepaliveProc.PING) {
        this.#stats.pongsSent += 1;
        this.#sendKeepalive(KeepaliveProc.PONG);
      } else if (header.procedure !== KeepaliveProc.PONG) {
        this.#stats.dropped += 1;
      }
      return;
    }
    if (this.#router.dispatch(header.program, header.procedure, payload) > 0) this.#stats.events += 1;
    else this.#stats.dropped += 1;
  }

  #onStream(header: PacketHeader, payload: Buffer): void {
    if (header.status === MessageStatus.ERROR) {
      const opening = this.#slots.get(header.serial);
      const stream = opening === undefined ? undefined : this.#openingStreams.get(opening);
      if (opening !== undefined && stream !== undefined && stream.procedure === header.procedure) {
        // Nobody holds the stream yet: fail the opening call instead.
        this.#slots.complete(header.serial);
        this.#openingStreams.delete(opening);
        this.#streams.discard(stream);
        opening.reject(errorFromPayload(payload));
        this.#pump();
        return;
      }
    }
    if (!this.#streams.onStreamPacket(header, payload)) this.#stats.dropped += 1;
  }

  #whenDrained(): Promise<void> {
    if (this.#closed)
      return Promise.reject(this.#unavailable('connection closed', 'closed', this.#closeError));
    if (!this.#socket.writableNeedDrain) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.#drainWaiters.add({ resolve, reject });
    });
  }

  #settleDrainWaiters(err?: Error): void {
    const waiters = [...this.#drainWaiters];
    this.#drainWaiters.clear();
    for (const waiter of waiters) {
      if (err === undefined) waiter.resolve();
      else waiter.reject(err);
    }
  }

  #sendKeepalive(procedure: number): void {
    const spec = { program: Program.KEEPALIVE, version: 1, procedure };
    this.#write(this.#header(spec, MessageType.MESSAGE, 0, MessageStatus.OK), EMPTY);
  }

  #header(
    spec: { readonly program: number; readonly version: number; readonly procedure: number },
    type: number,
    serial: number,
    status: number,
  ): PacketHeader {
    return { program: spec.program, version: spec.version, procedure: spec.procedure, type, serial, status };
  }

  /** Write one packet; returns false when the socket asks for a drain (or is gone). */
  #write(header: PacketHeader, payload: Buffer): boolean {
    if (this.#closed || this.#socket.destroyed || this.#socket.writableEnded) return false;
    const packet = encodePacket(header, payload);
    this.#stats.bytesOut += packet.length;
    return this.#socket.write(packet);
  }

  #unavailable(message: string, reason: LibvirtUnavailableReason, cause?: Error): LibvirtUnavailableError {
    return new LibvirtUnavailableError(`libvirt ${this.description}: ${message}`, {
      reason,
      ...(cause === undefined ? {} : { cause }),
    });
  }

  #teardown(err: LibvirtUnavailableError | undefined): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#closeError = err;
    this.#keepalive?.stop();
    const failure = err ?? this.#unavailable('connection closed', 'closed');
    for (const call of this.#slots.drain()) {
      const stream = this.#openingStreams.get(call);
      if (stream !== undefined) this.#streams.discard(stream);
      call.reject(failure);
    }
    this.#openingStreams.clear();
    this.#streams.failAll(failure);
    this.#settleDrainWaiters(failure);
    if (!this.#socket.destroyed) this.#socket.destroy();
    const handlers = [...this.#closeHandlers];
    this.#closeHandlers.clear();
    for (const handler of handlers) {
      try {
        handler(err);
      } catch (handlerErr) {
        this.#stats.handlerErrors += 1;
        this.#options.onHandlerError?.(handlerErr);
      }
    }
  }
}
