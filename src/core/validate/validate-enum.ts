// One of a fixed set of words (virt types, log levels, doctor checks): the error lists the choices
// and suggests the nearest one.
import { ValidationError } from '../errors/index.js';
import { closestMatch } from './closest-match.js';

/**
 * Return `value` when it is one of `allowed` (exact, case-sensitive).
 * @throws ValidationError(field, 'must be one of: a, b, c') with a "did you mean" hint when close.
 */
export function validateEnum<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  const found = allowed.find((a) => a === value);
  if (found !== undefined) return found;
  const hint = typeof value === 'string' ? closestMatch(value, allowed) : undefined;
  throw new ValidationError(
    field,
    `must be one of: ${allowed.join(', ')}${hint === undefined ? '' : ` (did you mean ${hint}?)`}`,
    { value },
  );
}
