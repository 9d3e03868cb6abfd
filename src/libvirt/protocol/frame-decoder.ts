// Why: a socket delivers arbitrary slices of the byte stream. The decoder reassembles whole packets and
// validates each length word before keeping any of the body, so a hostile or corrupt peer cannot make
// the client buffer gigabytes: memory stays bounded by the message limit (and by what was received),
// and each byte is copied once into its packet whatever the chunking.
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
  /** The length word being collected (it may arrive split). */
  readonly #word = Buffer.alloc(LENGTH_SIZE);
  #wordFilled = 0;
  /** Total length of the packet being assembled (0 while reading the length word). */
  #expected = 0;
  /** Bytes of the current packet, length word included; grows by doubling up to #expected. */
  #packet: Buffer | undefined;
  #filled = 0;
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
    return this.#expected === 0 ? this.#wordFilled : this.#filled;
  }

  /** Feed bytes; returns the packets completed by them (possibly none), in order. */
  push(chunk: Buffer): Packet[] {
    if (this.#failed !== undefined) throw this.#failed;
    const out: Packet[] = [];
    let pos = 0;
    while (pos < chunk.length) {
      if (this.#expected === 0) {
        const take = Math.min(LENGTH_SIZE - this.#wordFilled, chunk.length - pos);
        chunk.copy(this.#word, this.#wordFilled, pos, pos + take);
        this.#wordFilled += take;
        pos += take;
        if (this.#wordFilled < LENGTH_SIZE) break;
        this.#expected = this.#checkLength(this.#word.readUInt32BE(0));
        // Start small and grow with what actually arrives: a peer that announces a large packet and
        // then stalls costs only what it sent.
        this.#packet = Buffer.allocUnsafe(Math.min(this.#expected, INITIAL_CAPACITY));
        this.#word.copy(this.#packet, 0);
        this.#filled = LENGTH_SIZE;
        continue;
      }
      const take = Math.min(this.#expected - this.#filled, chunk.length - pos);
      this.#ensureCapacity(this.#filled + take);
      chunk.copy(this.#packet as Buffer, this.#filled, pos, pos + take);
      this.#filled += take;
      pos += take;
      if (this.#filled === this.#expected) out.push(this.#finish());
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
      this.#wordFilled = 0;
      throw this.#failed;
    }
    return len;
  }

  #ensureCapacity(need: number): void {
    const cur = this.#packet as Buffer;
    if (need <= cur.length) return;
    let size = cur.length * 2;
    while (size < need) size *= 2;
    const next = Buffer.allocUnsafe(Math.min(size, this.#expected));
    cur.copy(next, 0, 0, this.#filled);
    this.#packet = next;
  }

  #finish(): Packet {
    const whole = (this.#packet as Buffer).subarray(0, this.#filled);
    this.#packet = undefined;
    this.#filled = 0;
    this.#expected = 0;
    this.#wordFilled = 0;
    return { header: decodeHeader(whole, LENGTH_SIZE), payload: whole.subarray(MIN_PACKET_SIZE) };
  }
}

/** First buffer size for a packet body (VIR_NET_MESSAGE_INITIAL + length word). */
const INITIAL_CAPACITY = 65536 + LENGTH_SIZE;
