// Why: a socket delivers arbitrary slices of the byte stream. The decoder reassembles whole packets and
// validates each length word before keeping any of the body, so a hostile or corrupt peer cannot make
// the client buffer gigabytes: memory stays bounded by the message limit.
import { LibvirtProtocolError } from '../errors/libvirt-protocol-error.js';
import { DEFAULT_RECEIVE_MAX, LENGTH_SIZE, MIN_PACKET_SIZE, decodeHeader, type Packet } from './packet.js';

/** Options of {@link FrameDecoder}. */
export interface FrameDecoderOptions {
  /** Largest accepted header + payload (excluding the length word). Default DEFAULT_RECEIVE_MAX (32 MiB). */
  maxMessage?: number;
}

/** Splits a byte stream into libvirt packets. After a LibvirtProtocolError it stays failed. */
export class FrameDecoder {
  readonly #maxMessage: number;
  #chunks: Buffer[] = [];
  #buffered = 0;
  /** Total length of the packet being assembled, once its length word is known. */
  #expected = 0;
  #failed: LibvirtProtocolError | undefined;

  constructor(opts: FrameDecoderOptions = {}) {
    const max = opts.maxMessage ?? DEFAULT_RECEIVE_MAX;
    if (!Number.isInteger(max) || max < MIN_PACKET_SIZE - LENGTH_SIZE) {
      throw new RangeError(`maxMessage must be an integer >= ${MIN_PACKET_SIZE - LENGTH_SIZE}, got ${max}`);
    }
    this.#maxMessage = max;
  }

  /** Bytes held for an incomplete packet. */
  get buffered(): number {
    return this.#buffered;
  }

  /** Feed bytes; returns the packets completed by them (possibly none), in order. */
  push(chunk: Buffer): Packet[] {
    if (this.#failed !== undefined) throw this.#failed;
    const out: Packet[] = [];
    let data = chunk;
    while (data.length > 0) {
      if (this.#expected === 0) {
        // Collect the 4-byte length word first (it may itself be split).
        const need = LENGTH_SIZE - this.#buffered;
        const take = Math.min(need, data.length);
        this.#append(data.subarray(0, take));
        data = data.subarray(take);
        if (this.#buffered < LENGTH_SIZE) break;
        const word = this.#flatten();
        this.#expected = this.#checkLength(word.readUInt32BE(0));
        this.#chunks = [word];
        continue;
      }
      const take = Math.min(this.#expected - this.#buffered, data.length);
      this.#append(data.subarray(0, take));
      data = data.subarray(take);
      if (this.#buffered === this.#expected) out.push(this.#finish());
    }
    return out;
  }

  #checkLength(len: number): number {
    if (len < MIN_PACKET_SIZE || len > this.#maxMessage + LENGTH_SIZE) {
      this.#failed = new LibvirtProtocolError(
        len < MIN_PACKET_SIZE
          ? `packet length ${len} is shorter than a header (${MIN_PACKET_SIZE})`
          : `packet length ${len} exceeds the limit of ${this.#maxMessage + LENGTH_SIZE} bytes`,
      );
      this.#chunks = [];
      this.#buffered = 0;
      throw this.#failed;
    }
    return len;
  }

  #append(part: Buffer): void {
    if (part.length === 0) return;
    this.#chunks.push(part);
    this.#buffered += part.length;
  }

  #flatten(): Buffer {
    return this.#chunks.length === 1
      ? (this.#chunks[0] as Buffer)
      : Buffer.concat(this.#chunks, this.#buffered);
  }

  #finish(): Packet {
    // Copy so a packet never pins the caller's (possibly much larger) socket chunk.
    const whole = Buffer.concat(this.#chunks, this.#buffered);
    this.#chunks = [];
    this.#buffered = 0;
    this.#expected = 0;
    return { header: decodeHeader(whole, LENGTH_SIZE), payload: whole.subarray(MIN_PACKET_SIZE) };
  }
}
