// Why: console, volume upload/download and screenshots move raw bytes over the RPC connection as STREAM
// packets bound to one (procedure, serial). Exposing them as a node Duplex lets callers use pipeline(),
// with backpressure both ways: a slow reader pauses the socket, a slow socket holds back writers.
import { Duplex } from 'node:stream';

/** Largest data chunk per STREAM packet (libvirt's legacy payload max; the daemon reads in this size). */
export const STREAM_CHUNK_MAX = 256 * 1024;

/** What a stream asks of its connection. Implemented by RpcConnection; internal to the rpc layer. */
export interface StreamSink {
  /** Send one STREAM CONTINUE packet; returns false when the socket wants a drain first. */
  sendData(chunk: Buffer): boolean;
  /** Send STREAM OK (finish). */
  sendFinish(): void;
  /** Send STREAM ERROR (abort). */
  sendAbort(): void;
  /** Resolves when the socket drained (rejects if the connection closes first). */
  whenDrained(): Promise<void>;
  /** The consumer wants more data: resume reading the socket if this stream paused it. */
  resumeReading(): void;
  /**
   * Forget the stream (no more packets are delivered to it). `awaitingConfirm`: we sent STREAM OK or
   * ERROR and the daemon's confirmation is still due (absorb it quietly).
   */
  release(awaitingConfirm: boolean): void;
}

/** Identity of a stream on its connection. */
export interface RpcStreamInit {
  readonly procedure: number;
  readonly serial: number;
  /** Bytes buffered on the readable side before the socket is paused (default 1 MiB). */
  readonly readableHighWaterMark?: number;
}

/**
 * A libvirt data stream as a Duplex. Readable: bytes the daemon sends; ends at the daemon's EOF.
 * Writable: bytes sent to the daemon in chunks of at most 256 KiB; `end()` sends STREAM OK and 'finish'
 * fires only after the daemon confirmed (an upload is complete only then). `destroy()` aborts the stream
 * on the daemon (STREAM ERROR). Daemon errors destroy the stream with a LibvirtError.
 */
export class RpcStream extends Duplex {
  /** Procedure of the call that opened the stream. */
  readonly procedure: number;
  /** Serial of the call that opened the stream. */
  readonly serial: number;
  readonly #sink: StreamSink;
  #finishCallback: ((err?: Error | null) => void) | undefined;
  #sentFinish = false;
  #remoteFinished = false;
  #remoteEnded = false;
  #closedOnWire = false;
  #awaitingConfirm = false;
  #readingPaused = false;

  /** @internal Created by RpcConnection.openStream. */
  constructor(sink: StreamSink, init: RpcStreamInit) {
    super({
      readableHighWaterMark: init.readableHighWaterMark ?? 1024 * 1024,
      writableHighWaterMark: STREAM_CHUNK_MAX,
      allowHalfOpen: true,
    });
    this.#sink = sink;
    this.procedure = init.procedure;
    this.serial = init.serial;
  }

  /**
   * @internal Data from the daemon. An empty chunk is libvirt's end-of-data marker. Returns false when
   * the consumer is behind and the connection should stop reading the socket.
   */
  receiveData(chunk: Buffer): boolean {
    if (this.destroyed || this.#remoteEnded) return true;
    if (chunk.length === 0) {
      this.#endReadable();
      // Finish our side too (the daemon waits for our STREAM OK and confirms it).
      if (!this.writableEnded) this.end();
      return true;
    }
    const more = this.push(chunk);
    if (!more) this.#readingPaused = true;
    return more;
  }

  /** @internal STREAM OK from the daemon: confirmation of our finish, or the daemon finishing first. */
  receiveFinish(): void {
    if (this.destroyed) return;
    this.#endReadable();
    const callback = this.#finishCallback;
    if (callback !== undefined) {
      this.#finishCallback = undefined;
      this.#awaitingConfirm = false;
      this.#closeOnWire();
      callback();
      return;
    }
    this.#remoteFinished = true;
    if (!this.writableEnded) this.end();
  }

  /**
   * @internal STREAM ERROR (or REPLY ERROR) from the daemon, or the connection died. The destroy is
   * deferred one turn of the event loop: the error may arrive in the same socket read as the REPLY that
   * opened the stream, before the caller's `await openStream()` resumed and attached an error listener.
   */
  fail(err: Error): void {
    this.#closeOnWire();
    setImmediate(() => {
      this.destroy(err);
    });
  }

  /** @internal Drop quietly (its opening call failed or was abandoned): no abort packet, no 'error'. */
  discard(): void {
    this.#closeOnWire();
    this.destroy();
  }

  override _read(): void {
    if (!this.#readingPaused) return;
    this.#readingPaused = false;
    this.#sink.resumeReading();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (err?: Error | null) => void): void {
    if (this.#closedOnWire || this.#remoteFinished) {
      callback(new Error('libvirt stream already finished by the daemon'));
      return;
    }
    let drained = true;
    for (let offset = 0; offset < chunk.length; offset += STREAM_CHUNK_MAX) {
      drained = this.#sink.sendData(chunk.subarray(offset, offset + STREAM_CHUNK_MAX));
    }
    if (drained) {
      callback();
      return;
    }
    this.#sink.whenDrained().then(
      () => {
        callback();
      },
      (err: unknown) => {
        callback(err instanceof Error ? err : new Error(String(err)));
      },
    );
  }

  override _final(callback: (err?: Error | null) => void): void {
    if (this.#closedOnWire) {
      callback();
      return;
    }
    this.#sentFinish = true;
    this.#sink.sendFinish();
    if (this.#remoteFinished) {
      // The daemon finished first; our OK answers it and nothing more will come.
      this.#closeOnWire();
      callback();
      return;
    }
    this.#awaitingConfirm = true;
    this.#finishCallback = callback;
  }

  override _destroy(err: Error | null, callback: (err?: Error | null) => void): void {
    if (!this.#closedOnWire && !this.#sentFinish) {
      // After the daemon's end of data a plain destroy (e.g. leaving a for-await loop) is a normal
      // finish; before it, or with an error, it aborts the transfer on the daemon. Either is confirmed
      // by the daemon unless it had finished first.
      if (!err && this.#remoteEnded) {
        this.#sentFinish = true;
        this.#sink.sendFinish();
        this.#awaitingConfirm = !this.#remoteFinished;
      } else {
        this.#sink.sendAbort();
        this.#awaitingConfirm = true;
      }
    }
    this.#finishCallback = undefined;
    this.#closeOnWire();
    this.#readingPaused = false;
    callback(err);
  }

  /** True once the daemon has sent its end-of-data (or finish). */
  get remoteEnded(): boolean {
    return this.#remoteEnded;
  }

  /** True once we sent STREAM OK. */
  get finishSent(): boolean {
    return this.#sentFinish;
  }

  #endReadable(): void {
    if (this.#remoteEnded) return;
    this.#remoteEnded = true;
    this.push(null);
  }

  #closeOnWire(): void {
    if (this.#closedOnWire) return;
    this.#closedOnWire = true;
    this.#sink.release(this.#awaitingConfirm);
  }
}
