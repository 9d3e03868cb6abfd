// Why: libvirt passes stats, job progress, migration parameters and tunables as typed parameters, a
// union of seven kinds. 64-bit kinds must stay bigint (memory in bytes, cpu time in ns), and setting a
// value must use the exact kind the daemon expects, so the type travels with each value.
import { XdrError } from '../errors/xdr-error.js';
import { xdr, type Codec } from './codec.js';
import type { XdrReader } from './xdr-reader.js';
import type { XdrWriter } from './xdr-writer.js';

/** REMOTE_STRING_MAX, repeated here so the xdr layer stays independent of protocol/. */
const STRING_MAX = 4194304;

/**
 * VIR_TYPED_PARAM_*: the union discriminant on the wire.
 * @public
 */
export const TypedParamType = {
  INT: 1,
  UINT: 2,
  LLONG: 3,
  ULLONG: 4,
  DOUBLE: 5,
  BOOLEAN: 6,
  STRING: 7,
} as const;

/**
 * A typed parameter value with its kind.
 * @public
 */
export type TypedParamValue =
  | { type: 'int'; value: number }
  | { type: 'uint'; value: number }
  | { type: 'llong'; value: bigint }
  | { type: 'ullong'; value: bigint }
  | { type: 'double'; value: number }
  | { type: 'boolean'; value: boolean }
  | { type: 'string'; value: string };

/** The kind names: 'int' | 'uint' | 'llong' | 'ullong' | 'double' | 'boolean' | 'string'. */
export type TypedParamKind = TypedParamValue['type'];

/** remote_typed_param: a named value. */
export interface TypedParam {
  field: string;
  value: TypedParamValue;
}

/** Plain view of typed params: field -> value (numbers, bigints for 64-bit kinds, booleans, strings). */
export type TypedParamRecord = Record<string, number | bigint | boolean | string>;

const KIND_BY_CODE: Record<number, TypedParamKind | undefined> = {
  1: 'int',
  2: 'uint',
  3: 'llong',
  4: 'ullong',
  5: 'double',
  6: 'boolean',
  7: 'string',
};

function encodeValue(w: XdrWriter, v: TypedParamValue): void {
  switch (v.type) {
    case 'int':
      w.int(TypedParamType.INT).int(v.value);
      return;
    case 'uint':
      w.int(TypedParamType.UINT).uint(v.value);
      return;
    case 'llong':
      w.int(TypedParamType.LLONG).hyper(v.value);
      return;
    case 'ullong':
      w.int(TypedParamType.ULLONG).uhyper(v.value);
      return;
    case 'double':
      w.int(TypedParamType.DOUBLE).double(v.value);
      return;
    case 'boolean':
      w.int(TypedParamType.BOOLEAN).int(v.value ? 1 : 0);
      return;
    case 'string':
      w.int(TypedParamType.STRING).string(v.value, STRING_MAX);
      return;
    default:
      throw new XdrError(`unknown typed parameter kind ${JSON.stringify((v as { type: unknown }).type)}`);
  }
}

function decodeValue(r: XdrReader): TypedParamValue {
  const code = r.int();
  switch (KIND_BY_CODE[code]) {
    case 'int':
      return { type: 'int', value: r.int() };
    case 'uint':
      return { type: 'uint', value: r.uint() };
    case 'llong':
      return { type: 'llong', value: r.hyper() };
    case 'ullong':
      return { type: 'ullong', value: r.uhyper() };
    case 'double':
      return { type: 'double', value: r.double() };
    case 'boolean':
      return { type: 'boolean', value: r.int() !== 0 };
    case 'string':
      return { type: 'string', value: r.string(STRING_MAX) };
    case undefined:
      throw new XdrError(`unknown typed parameter type ${code}`);
  }
}

/**
 * remote_typed_param_value: the union alone.
 * @public
 */
export const typedParamValue: Codec<TypedParamValue> = { encode: encodeValue, decode: decodeValue };

/** remote_typed_param `{remote_nonnull_string field; remote_typed_param_value value}`. */
export const typedParam: Codec<TypedParam> = {
  encode: (w, p) => {
    w.string(p.field, STRING_MAX);
    encodeValue(w, p.value);
  },
  decode: (r) => ({ field: r.string(STRING_MAX), value: decodeValue(r) }),
};

/** `remote_typed_param params<max>`. */
export function typedParams(max: number): Codec<TypedParam[]> {
  return xdr.array(typedParam, max);
}

/**
 * Record view (field -> value). A field that occurs more than once (e.g. `migrate_disks`) keeps its
 * FIRST value, as libvirt's virTypedParamsGet* do; use the array for repeated fields.
 */
export function typedParamsToRecord(params: readonly TypedParam[]): TypedParamRecord {
  const out: TypedParamRecord = {};
  for (const p of params) {
    if (!Object.hasOwn(out, p.field)) out[p.field] = p.value.value;
  }
  return out;
}

/**
 * Typed params from a record, with the kind of each field given in `kinds` (a field missing from
 * `kinds`, or a value that does not fit its kind, is a TypeError). 64-bit kinds accept bigint or a
 * safe-integer number.
 */
export function toTypedParams(
  record: Readonly<Record<string, number | bigint | boolean | string>>,
  kinds: Readonly<Record<string, TypedParamKind>>,
): TypedParam[] {
  return Object.entries(record).map(([field, raw]) => {
    const kind = kinds[field];
    if (kind === undefined) throw new TypeError(`no typed-parameter kind given for field ${field}`);
    return { field, value: toValue(field, kind, raw) };
  });
}

function toValue(
  field: string,
  kind: TypedParamKind,
  raw: number | bigint | boolean | string,
): TypedParamValue {
  const bad = (): TypeError =>
    new TypeError(`field ${field}: ${typeof raw} ${String(raw)} is not a valid ${kind}`);
  switch (kind) {
    case 'int':
    case 'uint': {
      const n = typeof raw === 'bigint' ? Number(raw) : raw;
      if (typeof n !== 'number' || !Number.isInteger(n)) throw bad();
      if (kind === 'int' ? n < -0x80000000 || n > 0x7fffffff : n < 0 || n > 0xffffffff) throw bad();
      return { type: kind, value: n };
    }
    case 'llong':
    case 'ullong': {
      if (typeof raw === 'number' && !Number.isSafeInteger(raw)) throw bad();
      if (typeof raw !== 'number' && typeof raw !== 'bigint') throw bad();
      const b = BigInt(raw);
      if (kind === 'llong' ? b < -(1n << 63n) || b >= 1n << 63n : b < 0n || b >= 1n << 64n) throw bad();
      return { type: kind, value: b };
    }
    case 'double':
      if (typeof raw !== 'number') throw bad();
      return { type: 'double', value: raw };
    case 'boolean':
      if (typeof raw !== 'boolean') throw bad();
      return { type: 'boolean', value: raw };
    case 'string':
      if (typeof raw !== 'string') throw bad();
      return { type: 'string', value: raw };
  }
}

/** remote_node_get_cpu_stats / remote_node_get_memory_stats `{string field; unsigned hyper value}`. */
export const nodeStatParam = xdr.struct({ field: xdr.string(STRING_MAX), value: xdr.uhyper });
/**
 * A decoded node cpu/memory stat.
 * @public
 */
export interface NodeStatParam {
  field: string;
  value: bigint;
}
