// Why: replies come from a peer we do not control. Every read checks bounds and declared lengths against
// the remaining bytes and the field's limit BEFORE slicing, so a hostile length cannot force a huge
// allocation or a read past the end.
import { XdrError } from '../errors/xdr-error.js';
import { xdrPad } from './xdr-writer.js';

/** Reads XDR values from a buffer, front to back. */
export class XdrReader {
  readonly #buf: Buffer;
  #pos: number;

  constructor(buf: Buffer, offset = 0) {
    if (offset < 0 || offset > buf.length)
      throw new XdrError(`offset ${offset} outside a ${buf.length}-byte buffer`);
    this.#buf = buf;
    this.#pos = offset;
  }

  /** Bytes not yet read. */
  get remaining(): number {
    return this.#buf.length - this.#pos;
  }

  /** Position of the next read. */
  get offset(): number {
    return this.#pos;
  }

  #take(n: number, what: string): number {
    if (n > this.remaining) {
      throw new XdrError(
        `truncated XDR: ${what} needs ${n} bytes at offset ${this.#pos}, ${this.remaining} left`,
      );
    }
    const at = this.#pos;
    this.#pos += n;
    return at;
  }

  /** Signed 32-bit integer. */
  int(): number {
    return this.#buf.readInt32BE(this.#take(4, 'int'));
  }

  /** Unsigned 32-bit integer. */
  uint(): number {
    return this.#buf.readUInt32BE(this.#take(4, 'unsigned int'));
  }

  /** Signed 64-bit integer. */
  hyper(): bigint {
    return this.#buf.readBigInt64BE(this.#take(8, 'hyper'));
  }

  /** Unsigned 64-bit integer. */
  uhyper(): bigint {
    return this.#buf.readBigUInt64BE(this.#take(8, 'unsigned hyper'));
  }

  /** Boolean: any nonzero int is true (as rpcgen's xdr_bool accepts). */
  bool(): boolean {
    return this.int() !== 0;
  }

  /** IEEE-754 double. */
  double(): number {
    return this.#buf.readDoubleBE(this.#take(8, 'double'));
  }

  /** `string s<max>` as UTF-8. */
  string(max?: number): string {
    const len = this.#length(max, 'string');
    const at = this.#take(len + xdrPad(len), 'string');
    return this.#buf.toString('utf8', at, at + len);
  }

  /** `opaque x[len]` (a copy, so the frame buffer can be released). */
  opaqueFixed(len: number): Buffer {
    const at = this.#take(len + xdrPad(len), 'fixed opaque');
    return Buffer.from(this.#buf.subarray(at, at + len));
  }

  /** `opaque x<max>` (a copy). */
  opaque(max?: number): Buffer {
    const len = this.#length(max, 'opaque');
    const at = this.#take(len + xdrPad(len), 'opaque');
    return Buffer.from(this.#buf.subarray(at, at + len));
  }

  /** Read a u32 element count or byte length and check it against `max` and the bytes left. */
  count(max: number | undefined, what: string, minBytesEach = 1): number {
    const n = this.uint();
    if (max !== undefined && n > max) throw new XdrError(`${what} of ${n} exceeds its limit of ${max}`);
    if (n * minBytesEach > this.remaining) {
      throw new XdrError(`truncated XDR: ${what} declares ${n} but only ${this.remaining} bytes are left`);
    }
    return n;
  }

  #length(max: number | undefined, what: string): number {
    return this.count(max, `${what} length`, 1);
  }

  /** Throw unless every byte was consumed. */
  expectEnd(): void {
    if (this.remaining !== 0)
      throw new XdrError(`${this.remaining} unexpected trailing bytes after XDR value`);
  }
}
