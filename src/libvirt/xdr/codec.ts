// Why: libvirt has hundreds of argument/reply structs. Declaring each one as a composition of small
// codecs (struct of int, string, optional, array...) gives the encoder, the decoder and the TypeScript
// type from one declaration, so the three cannot drift apart.
import { XdrError } from '../errors/xdr-error.js';
import { XdrReader } from './xdr-reader.js';
import { XdrWriter } from './xdr-writer.js';

/** Encoder and decoder of one XDR type whose TypeScript value type is `T`. */
export interface Codec<T> {
  encode(w: XdrWriter, v: T): void;
  decode(r: XdrReader): T;
}

/** The value type of a codec: `CodecType<typeof xdr.int>` is `number`. */
export type CodecType<C> = C extends Codec<infer T> ? T : never;

/** The object type a struct codec of these fields encodes. */
export type StructType<F extends Record<string, Codec<unknown>>> = { [K in keyof F]: CodecType<F[K]> };

/** One arm of a decoded union: its discriminant and value. */
export type UnionValue<A extends Record<number, Codec<unknown>>> = {
  [K in keyof A & number]: { discriminant: K; value: CodecType<A[K]> };
}[keyof A & number];

function ranged(name: string, min: number, max: number, unsigned: boolean): Codec<number> {
  const check = (v: number): number => {
    if (!Number.isInteger(v) || v < min || v > max) throw new XdrError(`${name} out of range: ${v}`);
    return v;
  };
  return {
    encode: (w, v) => {
      check(v);
      if (unsigned) w.uint(v);
      else w.int(v);
    },
    decode: (r) => check(unsigned ? r.uint() : r.int()),
  };
}

/** Encode `v` with `c` into a fresh buffer. */
export function encode<T>(c: Codec<T>, v: T): Buffer {
  const w = new XdrWriter();
  c.encode(w, v);
  return w.toBuffer();
}

/** Decode a whole buffer with `c`; trailing bytes are an XdrError. */
export function decode<T>(c: Codec<T>, buf: Buffer): T {
  const r = new XdrReader(buf);
  const v = c.decode(r);
  r.expectEnd();
  return v;
}

const voidCodec: Codec<void> = { encode: () => undefined, decode: () => undefined };

/** Composable XDR codecs (RFC 4506 as rpcgen produces it for libvirt). */
export const xdr = {
  /** No bytes (void args / ret). */
  void: voidCodec,
  /** `int`: signed 32 bit. */
  int: { encode: (w, v) => void w.int(v), decode: (r) => r.int() } as Codec<number>,
  /** `unsigned int` (also enums encoded unsigned). */
  uint: { encode: (w, v) => void w.uint(v), decode: (r) => r.uint() } as Codec<number>,
  /** `hyper`: signed 64 bit as bigint. */
  hyper: { encode: (w, v) => void w.hyper(v), decode: (r) => r.hyper() } as Codec<bigint>,
  /** `unsigned hyper`: unsigned 64 bit as bigint. */
  uhyper: { encode: (w, v) => void w.uhyper(v), decode: (r) => r.uhyper() } as Codec<bigint>,
  /** `bool`: int 0/1; any nonzero decodes as true. */
  bool: { encode: (w, v) => void w.bool(v), decode: (r) => r.bool() } as Codec<boolean>,
  /** `double`: IEEE-754, 8 bytes. */
  double: { encode: (w, v) => void w.double(v), decode: (r) => r.double() } as Codec<number>,
  /** `char`: 4 bytes on the wire, -128..127. */
  char: ranged('char', -128, 127, false),
  /** `unsigned char`: 4 bytes on the wire, 0..255. */
  uchar: ranged('unsigned char', 0, 255, true),
  /** `short`: 4 bytes on the wire, -32768..32767. */
  short: ranged('short', -32768, 32767, false),
  /** `unsigned short`: 4 bytes on the wire, 0..65535. */
  ushort: ranged('unsigned short', 0, 65535, true),

  /** `string s<max>` (UTF-8). */
  string(max?: number): Codec<string> {
    return { encode: (w, v) => void w.string(v, max), decode: (r) => r.string(max) };
  },

  /** `opaque x<max>`; decodes to a Buffer copy. */
  opaque(max?: number): Codec<Buffer> {
    return { encode: (w, v) => void w.opaque(v, max), decode: (r) => r.opaque(max) };
  },

  /** `opaque x[n]` (e.g. remote_uuid, n = 16). */
  opaqueFixed(n: number): Codec<Buffer> {
    return { encode: (w, v) => void w.opaqueFixed(v, n), decode: (r) => r.opaqueFixed(n) };
  },

  /**
   * `char x[n]`: a fixed vector of n chars, each an int (n × 4 bytes), as NODE_GET_INFO's model.
   * Decodes to the UTF-8 text before the first NUL; encodes NUL-padded (throws when longer than n).
   */
  charArray(n: number): Codec<string> {
    return {
      encode: (w, v) => {
        const bytes = Buffer.from(v, 'utf8');
        if (bytes.length > n) throw new XdrError(`char[${n}] cannot hold ${bytes.length} bytes`);
        for (let i = 0; i < n; i++) {
          const b = bytes[i] ?? 0;
          w.int(b > 127 ? b - 256 : b);
        }
      },
      decode: (r) => {
        if (n * 4 > r.remaining) throw new XdrError(`truncated XDR: char[${n}] needs ${n * 4} bytes`);
        const bytes = Buffer.alloc(n);
        for (let i = 0; i < n; i++) {
          const c = r.int();
          if (c < -128 || c > 255) throw new XdrError(`char out of range: ${c}`);
          bytes[i] = c & 0xff;
        }
        const nul = bytes.indexOf(0);
        return bytes.toString('utf8', 0, nul === -1 ? n : nul);
      },
    };
  },

  /** `T *p`: u32 0 (null) or 1 followed by T. `undefined` encodes as absent too. */
  optional<T>(c: Codec<T>): Codec<T | null> {
    return {
      encode: (w, v) => {
        if (v === null || v === undefined) {
          w.uint(0);
        } else {
          w.uint(1);
          c.encode(w, v);
        }
      },
      decode: (r) => {
        const flag = r.uint();
        if (flag === 0) return null;
        if (flag !== 1) throw new XdrError(`optional-data flag must be 0 or 1, got ${flag}`);
        return c.decode(r);
      },
    };
  },

  /**
   * `T a<max>`: u32 count then elements. The count is checked against max and against the bytes left
   * (every non-void XDR element takes at least 4 bytes) before anything is decoded.
   */
  array<T>(c: Codec<T>, max: number): Codec<T[]> {
    return {
      encode: (w, v) => {
        if (v.length > max) throw new XdrError(`array of ${v.length} elements exceeds its limit of ${max}`);
        w.uint(v.length);
        for (const item of v) c.encode(w, item);
      },
      decode: (r) => {
        const n = r.count(max, 'array count', c === voidCodec ? 0 : 4);
        const out: T[] = [];
        for (let i = 0; i < n; i++) out.push(c.decode(r));
        return out;
      },
    };
  },

  /** `T a[n]`: exactly n elements, no count. */
  fixedArray<T>(c: Codec<T>, n: number): Codec<T[]> {
    return {
      encode: (w, v) => {
        if (v.length !== n) throw new XdrError(`fixed array needs ${n} elements, got ${v.length}`);
        for (const item of v) c.encode(w, item);
      },
      decode: (r) => {
        if (c !== voidCodec && n * 4 > r.remaining) {
          throw new XdrError(`truncated XDR: fixed array of ${n} needs at least ${n * 4} bytes`);
        }
        const out: T[] = [];
        for (let i = 0; i < n; i++) out.push(c.decode(r));
        return out;
      },
    };
  },

  /** `struct { ... }`: members in key order, no padding between them. */
  struct<F extends Record<string, Codec<unknown>>>(fields: F): Codec<StructType<F>> {
    const entries = Object.entries(fields);
    return {
      encode: (w, v) => {
        const obj = v as Record<string, unknown>;
        for (const [key, c] of entries) {
          try {
            c.encode(w, obj[key]);
          } catch (err) {
            if (!(err instanceof XdrError)) throw err;
            const inner = /^field ([^:]+): ([\s\S]*)$/.exec(err.message);
            const message = inner ? `field ${key}.${inner[1]}: ${inner[2]}` : `field ${key}: ${err.message}`;
            throw new XdrError(message, { cause: err });
          }
        }
      },
      decode: (r) => {
        const out: Record<string, unknown> = {};
        for (const [key, c] of entries) out[key] = c.decode(r);
        return out as StructType<F>;
      },
    };
  },

  /**
   * `union switch (int d) { case K: T; ... }`: i32 discriminant then the arm. Values are
   * `{ discriminant, value }`; an unknown discriminant is an XdrError.
   */
  union<A extends Record<number, Codec<unknown>>>(arms: A): Codec<UnionValue<A>> {
    const arm = (d: number): Codec<unknown> => {
      const c = (arms as Record<number, Codec<unknown> | undefined>)[d];
      if (c === undefined) throw new XdrError(`unknown union discriminant ${d}`);
      return c;
    };
    return {
      encode: (w, v) => {
        const c = arm(v.discriminant);
        w.int(v.discriminant);
        c.encode(w, v.value);
      },
      decode: (r) => {
        const d = r.int();
        return { discriminant: d, value: arm(d).decode(r) } as UnionValue<A>;
      },
    };
  },

  /** Present a codec's value as another type (e.g. a number as a named enum). */
  transform<A, B>(c: Codec<A>, fns: { decode: (a: A) => B; encode: (b: B) => A }): Codec<B> {
    return {
      encode: (w, v) => {
        c.encode(w, fns.encode(v));
      },
      decode: (r) => fns.decode(c.decode(r)),
    };
  },

  encode,
  decode,
};
