// Value rules special to profiles (free text, paths, node sets, MiB sizes), written like the shared
// validators in core/validate: each takes (field, value) and returns the clean value or throws a
// ValidationError whose rule the profile schema reports under the field's path.
import { ValidationError } from '../errors/index.js';
import { parseSize } from '../validate/parse-size.js';
import { requireString } from '../validate/require-string.js';

/** Characters XML 1.0 cannot carry at all, plus C1 controls and DEL (never wanted in a profile). */
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

/**
 * Free text (descriptions, owners, kernel command lines): at most `max` characters, no control
 * characters (tab and newline only when `multiline`), nothing XML cannot hold.
 */
export function checkText(field: string, value: unknown, max: number, multiline = false): string {
  const text = requireString(field, value);
  if (FORBIDDEN.test(text) || (!multiline && /[\t\n\r]/.test(text))) {
    throw new ValidationError(
      field,
      multiline ? 'must not contain control characters' : 'must be one line without control characters',
      { value: text },
    );
  }
  if (text.length > max)
    throw new ValidationError(field, `must be at most ${max} characters long`, { value: text });
  return text;
}

/**
 * A host path as written in a profile: non-empty, at most 4096 characters, no control characters and
 * no `..` segment (so it cannot climb out of the directory it is resolved against). Whether it lies
 * inside the allowed roots is checked where it is used (validatePath), not here: profiles are pure.
 */
export function checkPathText(field: string, value: unknown, options: { absolute?: boolean } = {}): string {
  const text = requireString(field, value);
  if (text === '') throw new ValidationError(field, 'must not be empty', { value: text });
  if (FORBIDDEN.test(text) || /[\t\n\r]/.test(text)) {
    throw new ValidationError(field, 'must not contain NUL or control characters', { value: text });
  }
  if (text.length > 4096)
    throw new ValidationError(field, 'must be at most 4096 characters long', { value: text });
  if (text.split('/').includes('..')) {
    throw new ValidationError(field, 'must not contain ".." segments', { value: text });
  }
  if (options.absolute === true && !text.startsWith('/')) {
    throw new ValidationError(field, 'must be an absolute path', { value: text });
  }
  return text;
}

/** Highest CPU or NUMA node number accepted in a set. */
const MAX_CPU = 4095;

/**
 * A set of host CPUs or NUMA nodes as libvirt writes it: `0`, `0-3`, `0-3,8,10-11` (ascending ranges,
 * numbers up to 4095). A bare number (YAML `nodeset: 0`) is accepted.
 */
export function checkNodeSet(field: string, value: unknown): string {
  const text =
    typeof value === 'number' && Number.isInteger(value) ? String(value) : requireString(field, value);
  const rule = 'must be a set of numbers like 0, 0-3 or 0-3,8';
  if (!/^\d{1,4}(-\d{1,4})?(,\d{1,4}(-\d{1,4})?)*$/.test(text))
    throw new ValidationError(field, rule, { value });
  for (const part of text.split(',')) {
    const [a = 0, b = a] = part.split('-').map(Number);
    if (b < a) throw new ValidationError(field, `range ${part} goes backwards`, { value });
    if (b > MAX_CPU) throw new ValidationError(field, `numbers must be at most ${MAX_CPU}`, { value });
  }
  return text;
}

/** A size (`2G`, `512M`) that must come out to whole MiB within [minMiB, maxMiB]; returns MiB. */
export function checkMib(field: string, value: unknown, minMiB: number, maxMiB: number): number {
  if (typeof value !== 'string') {
    throw new ValidationError(field, 'must be a size with a unit, like 2G or 512M', { value });
  }
  const bytes = parseSize(field, value, { min: BigInt(minMiB) << 20n, max: BigInt(maxMiB) << 20n });
  if (bytes % (1n << 20n) !== 0n)
    throw new ValidationError(field, 'must be a whole number of MiB', { value });
  return Number(bytes >> 20n);
}

/** A size in bytes within [min, max] given as text with a unit (`20G`); returns bytes as a number. */
export function checkBytes(field: string, value: unknown, min: bigint, max: bigint): number {
  if (typeof value !== 'string') {
    throw new ValidationError(field, 'must be a size with a unit, like 20G', { value });
  }
  return Number(parseSize(field, value, { min, max }));
}
