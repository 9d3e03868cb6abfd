// Why: every libvirt call is serialised as XDR (RFC 4506). A growable big-endian writer with strict range
// checks turns a wrong value into an XdrError here instead of a confusing daemon error later.
import { XdrError } from '../errors/xdr-error.js';

const INT_MIN = -0x80000000;
const INT_MAX = 0x7fffffff;
const UINT_MAX = 0xffffffff;
const HYPER_MIN = -(1n << 63n);
const HYPER_MAX = (1n << 63n) - 1n;
const UHYPER_MAX = (1n << 64n) - 1n;

/** Zero bytes needed after `len` bytes to reach a multiple of 4. */
export function xdrPad(len: number): number {
  return (4 - (len % 4)) % 4;
}

/** Appends XDR values to a growing buffer; every method returns `this` for chaining. */
export class XdrWriter {
  #buf: Buffer;
  #len = 0;

  constructor(initialSize = 256) {
    this.#buf = Buffer.alloc(Math.max(16, initialSize));
  }

  /** Bytes written so far. */
  get length(): number {
    return this.#len;
  }

  #reserve(n: number): number {
    const need = this.#len + n;
    if (need > this.#buf.length) {
      let size = this.#buf.length * 2;
      while (size < need) size *= 2;
      const next = Buffer.alloc(size);
      this.#buf.copy(next, 0, 0, this.#len);
      this.#buf = next;
    }
    const at = this.#len;
    this.#len = need;
    return at;
  }

  /** Signed 32-bit integer. */
  int(v: number): this {
    if (!Number.isInteger(v) || v < INT_MIN || v > INT_MAX) throw new XdrError(`int out of range: ${v}`);
    const at = this.#reserve(4);
    this.#buf.writeInt32BE(v, at);
    return this;
  }

  /** Unsigned 32-bit integer. */
  uint(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > UINT_MAX) throw new XdrError(`unsigned int out of range: ${v}`);
    const at = this.#reserve(4);
    this.#buf.writeUInt32BE(v, at);
    return this;
  }

  /** Signed 64-bit integer. */
  hyper(v: bigint): this {
    if (typeof v !== 'bigint' || v < HYPER_MIN || v > HYPER_MAX) {
      throw new XdrError(`hyper out of range: ${String(v)}`);
    }
    const at = this.#reserve(8);
    this.#buf.writeBigInt64BE(v, at);
    return this;
  }

  /** Unsigned 64-bit integer. */
  uhyper(v: bigint): this {
    if (typeof v !== 'bigint' || v < 0n || v > UHYPER_MAX) {
      throw new XdrError(`unsigned hyper out of range: ${String(v)}`);
    }
    const at = this.#reserve(8);
    this.#buf.writeBigUInt64BE(v, at);
    return this;
  }

  /** Boolean as int 0/1. */
  bool(v: boolean): this {
    return this.int(v ? 1 : 0);
  }

  /** IEEE-754 double, big-endian. */
  double(v: number): this {
    if (typeof v !== 'number') throw new XdrError(`double expected, got ${typeof v}`);
    const at = this.#reserve(8);
    this.#buf.writeDoubleBE(v, at);
    return this;
  }

  /** `string s<max>`: u32 byte length, UTF-8 bytes, zero padding. */
  string(v: string, max?: number): this {
    if (typeof v !== 'string') throw new XdrError(`string expected, got ${typeof v}`);
    return this.opaque(Buffer.from(v, 'utf8'), max, 'string');
  }

  /** `opaque x[len]`: exactly `len` bytes plus padding, no length word. */
  opaqueFixed(v: Uint8Array, len: number): this {
    if (v.length !== len) throw new XdrError(`fixed opaque needs ${len} bytes, got ${v.length}`);
    this.#bytes(v);
    return this;
  }

  /** `opaque x<max>`: u32 length, bytes, zero padding. */
  opaque(v: Uint8Array, max?: number, what = 'opaque'): this {
    if (max !== undefined && v.length > max) {
      throw new XdrError(`${what} of ${v.length} bytes exceeds its limit of ${max}`);
    }
    this.uint(v.length);
    this.#bytes(v);
    return this;
  }

  /** Raw bytes with no length word or padding (for callers composing already-encoded XDR). */
  raw(v: Uint8Array): this {
    const at = this.#reserve(v.length);
    this.#buf.set(v, at);
    return this;
  }

  #bytes(v: Uint8Array): void {
    const pad = xdrPad(v.length);
    const at = this.#reserve(v.length + pad);
    this.#buf.set(v, at);
    this.#buf.fill(0, at + v.length, at + v.length + pad);
  }

  /** A copy of the bytes written so far. */
  toBuffer(): Buffer {
    return Buffer.from(this.#buf.subarray(0, this.#len));
  }
}
