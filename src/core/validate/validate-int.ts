// Whole numbers in a range (vCPUs, memory in MiB, ports, retention counts) from the command line or
// a file: decimal digits only, so "1e3", "0x10", "12abc" and "1.0" are refused rather than guessed.
import { ValidationError } from '../errors/index.js';

/** Inclusive bounds for {@link validateInt}. */
export interface IntRange {
  min: number;
  max: number;
}

/**
 * Parse a decimal integer (a string of digits with an optional sign, or a number) within
 * [min, max] and return it as a number.
 * @throws ValidationError 'must be a whole number' or 'must be from MIN to MAX'.
 */
export function validateInt(field: string, value: unknown, range: IntRange): number {
  let n: number;
  if (typeof value === 'number' && (Number.isInteger(value) || value === Infinity || value === -Infinity)) {
    n = value;
  } else if (typeof value === 'string' && /^[+-]?\d+$/.test(value)) {
    n = Number(value); // very long digit strings become huge or Infinity and fail the range check
  } else {
    throw new ValidationError(field, 'must be a whole number', { value });
  }
  if (!(n >= range.min && n <= range.max)) {
    throw new ValidationError(field, `must be from ${range.min} to ${range.max}`, { value });
  }
  return n;
}
