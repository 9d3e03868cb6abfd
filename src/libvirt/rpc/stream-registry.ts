// Why: data streams live beside calls on one connection but follow their own rules: packets routed by
// serial, a full reader pausing the socket, quiet absorption of confirmations for streams we already
// closed, and aborting streams whose opening call we gave up on. Keeping that state here keeps the
// connection about calls and the socket.
import { MessageStatus, MessageType, type PacketHeader } from '../protocol/packet.js';
import { RpcStream, type StreamSink } from './rpc-stream.js';
import { errorFromPayload } from './error-from-payload.js';

/** What the registry needs from its connection. */
export interface StreamIo {
  /** Write one packet; false when the socket wants a drain (or is gone). */
  write(header: PacketHeader, payload: Buffer): boolean;
  /** Resolves when the socket drained; rejects when the connection ended. */
  whenDrained(): Promise<void>;
  /** Stop reading the socket (a stream's reader is behind). */
  pauseReading(): void;
  /** Read the socket again. */
  resumeReading(): void;
}

/** Program, version and procedure of the call that opened a stream. */
export interface StreamTarget {
  readonly program: number;
  readonly version: number;
  readonly procedure: number;
}

/** Bound of the sets remembering serials of streams we gave up on or are closing. */
const MAX_REMEMBERED_SERIALS = 256;
const EMPTY = Buffer.alloc(0);

/** The open streams of one connection, by serial. */
export class StreamRegistry {
  readonly #io: StreamIo;
  readonly #highWaterMark: number | undefined;
  readonly #streams = new Map<number, RpcStream>();
  /** Serials whose opening call was given up: abort if the daemon opens them after all. */
  readonly #abandoned = new Set<number>();
  /** Serials of released streams whose finish/abort confirmation is still due. */
  readonly #closing = new Set<number>();
  readonly #pausedBy = new Set<RpcStream>();
  #dead = false;

  /** @param highWaterMark bytes a stream buffers for its reader before the socket is paused. */
  constructor(io: StreamIo, highWaterMark?: number) {
    this.#io = io;
    this.#highWaterMark = highWaterMark;
  }

  /** Streams registered (open or opening). */
  get size(): number {
    return this.#streams.size;
  }

  /** True while some stream's reader has paused the socket. */
  get readingPaused(): boolean {
    return this.#pausedBy.size > 0;
  }

  /** True when a stream holds this serial. */
  has(serial: number): boolean {
    return this.#streams.has(serial);
  }

  /** Create and register the stream of a call about to be sent with `serial`. */
  open(target: StreamTarget, serial: number): RpcStream {
    const send = (status: number, data: Buffer): boolean =>
      this.#io.write({ ...pick(target), type: MessageType.STREAM, serial, status }, data);
    const sink: StreamSink = {
      sendData: (chunk) => send(MessageStatus.CONTINUE, chunk),
      sendFinish: () => {
        send(MessageStatus.OK, EMPTY);
      },
      sendAbort: () => {
        send(MessageStatus.ERROR, EMPTY);
      },
      whenDrained: () => this.#io.whenDrained(),
      resumeReading: () => {
        this.#resumeFor(stream);
      },
      release: (awaitingConfirm) => {
        if (this.#streams.get(serial) === stream) {
          this.#streams.delete(serial);
          if (awaitingConfirm) remember(this.#closing, serial);
        }
        this.#resumeFor(stream);
      },
    };
    const stream = new RpcStream(sink, {
      procedure: target.procedure,
      serial,
      ...(this.#highWaterMark === undefined ? {} : { readableHighWaterMark: this.#highWaterMark }),
    });
    this.#streams.set(serial, stream);
    return stream;
  }

  /** Drop a stream nobody holds (its opening call failed), without an abort packet or 'error'. */
  discard(stream: RpcStream): void {
    stream.discard();
    if (this.#streams.get(stream.serial) === stream) this.#streams.delete(stream.serial);
    this.#resumeFor(stream);
  }

  /** The opening call of this stream was given up: drop it, and abort it if the daemon opens it late. */
  abandon(stream: RpcStream): void {
    this.discard(stream);
    remember(this.#abandoned, stream.serial);
  }

  /** Route a STREAM packet; returns false when no stream wanted it. */
  onStreamPacket(header: PacketHeader, payload: Buffer): boolean {
    const stream = this.#streams.get(header.serial);
    if (stream === undefined || stream.procedure !== header.procedure) {
      if (stream !== undefined || !this.#closing.has(header.serial)) return false;
      // Data still in flight after our finish/abort, then the daemon's confirmation: absorb quietly.
      if (header.status !== MessageStatus.CONTINUE) this.#closing.delete(header.serial);
      return true;
    }
    if (header.status === MessageStatus.CONTINUE) {
      if (!stream.receiveData(payload)) this.#pauseFor(stream);
    } else if (header.status === MessageStatus.OK) {
      stream.receiveFinish();
    } else if (header.status === MessageStatus.ERROR) {
      stream.fail(errorFromPayload(payload));
    } else {
      return false;
    }
    return true;
  }

  /**
   * A REPLY with no call waiting. The daemon reports a failed stream write/finish as REPLY ERROR on the
   * stream's serial; a late REPLY OK for an abandoned stream gets an abort. False = nobody wanted it.
   */
  onStrayReply(header: PacketHeader, payload: Buffer): boolean {
    const stream = this.#streams.get(header.serial);
    if (stream !== undefined && header.procedure === stream.procedure) {
      if (header.status !== MessageStatus.ERROR) return false;
      stream.fail(errorFromPayload(payload));
      return true;
    }
    if (this.#closing.delete(header.serial)) return true; // the daemon refused our finish/abort: moot
    if (this.#abandoned.delete(header.serial) && header.status === MessageStatus.OK) {
      this.#io.write(
        { ...pick(header), type: MessageType.STREAM, serial: header.serial, status: MessageStatus.ERROR },
        EMPTY,
      );
    }
    return false;
  }

  /** The connection ended: every stream errors with `err` (streams still opening are discarded first). */
  failAll(err: Error): void {
    this.#dead = true;
    const streams = [...this.#streams.values()];
    this.#streams.clear();
    this.#pausedBy.clear();
    for (const stream of streams) stream.fail(err);
  }

  #pauseFor(stream: RpcStream): void {
    this.#pausedBy.add(stream);
    this.#io.pauseReading();
  }

  #resumeFor(stream: RpcStream): void {
    if (!this.#pausedBy.delete(stream)) return;
    if (this.#pausedBy.size === 0 && !this.#dead) this.#io.resumeReading();
  }
}

function pick(t: StreamTarget): StreamTarget {
  return { program: t.program, version: t.version, procedure: t.procedure };
}

/** Add to a bounded insertion-ordered set, forgetting the oldest entry beyond the bound. */
function remember(set: Set<number>, serial: number): void {
  set.add(serial);
  if (set.size > MAX_REMEMBERED_SERIALS) {
    const oldest = set.values().next().value;
    if (oldest !== undefined) set.delete(oldest);
  }
}
