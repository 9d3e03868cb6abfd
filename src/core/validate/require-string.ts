// The first step of every text validator: the input must be a string, or the error says what it was.
import { ValidationError } from '../errors/index.js';

/** Return `value` if it is a string; otherwise throw ValidationError(field, 'must be a string'). */
export function requireString(field: string, value: unknown): string {
  if (typeof value !== 'string') throw new ValidationError(field, 'must be a string', { value });
  return value;
}

/** True when `text` holds a NUL, another C0 control character or DEL. */
export function hasControlChars(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\x00-\x1f\x7f]/.test(text);
}
