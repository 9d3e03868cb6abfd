// Why: libvirt's tunables (scheduler, memory, blkio) share one awkward pattern: ask how many parameters
// there are (nparams 0, or the scheduler-type call), then ask again for that many; and setting a value
// must send it with the type the daemon uses. These helpers hide both steps behind records.
import type { TypedParam, TypedParamRecord } from '../xdr/typed-params.js';
import { typedParamsToRecord } from '../xdr/typed-params.js';

/** A value to set: a plain record (types are taken from the daemon's current parameters) or exact params. */
export type TypedParamInput = TypedParamRecord | readonly TypedParam[];

/**
 * The "call with nparams 0 first" pattern: `fetch(0)` returns the count the daemon has, then
 * `fetch(count)` returns the parameters themselves.
 */
export async function fetchCountedParams(
  fetch: (nparams: number) => Promise<{ params: readonly TypedParam[]; nparams: number }>,
): Promise<TypedParam[]> {
  const first = await fetch(0);
  if (first.nparams <= 0) return [];
  const second = await fetch(first.nparams);
  return [...second.params];
}

/** Record view of typed params. */
export function toRecord(params: readonly TypedParam[]): TypedParamRecord {
  return typedParamsToRecord(params);
}

/**
 * Turn a record into typed params using each field's type among `current` (what the daemon reported);
 * exact TypedParam arrays pass through. Unknown fields are an error naming the known ones.
 */
export function withCurrentTypes(input: TypedParamInput, current: readonly TypedParam[]): TypedParam[] {
  if (Array.isArray(input)) return [...(input as readonly TypedParam[])];
  const byField = new Map(current.map((p) => [p.field, p]));
  return Object.entries(input as TypedParamRecord).map(([field, value]) => {
    const known = byField.get(field);
    if (known === undefined) {
      throw new TypeError(`unknown parameter ${field} (known: ${[...byField.keys()].join(', ') || 'none'})`);
    }
    return retype(known, value);
  });
}

function retype(known: TypedParam, value: unknown): TypedParam {
  const type = known.value.type;
  switch (type) {
    case 'int':
    case 'uint':
      return { field: known.field, value: { type, value: Number(value) } };
    case 'llong':
    case 'ullong':
      return { field: known.field, value: { type, value: BigInt(value as bigint | number | string) } };
    case 'double':
      return { field: known.field, value: { type, value: Number(value) } };
    case 'boolean':
      return { field: known.field, value: { type, value: Boolean(value) } };
    case 'string':
      return { field: known.field, value: { type, value: String(value) } };
  }
}
