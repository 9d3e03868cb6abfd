// Sizes as people write them (512M, 20G, 1.5T, 4GiB, 1048576) turned into an exact byte count.
// Units are binary (K = 1024), as in qemu-img and libvirt. The result is a bigint so that no size is
// ever rounded; fractions must come out to whole bytes.
import { ValidationError } from '../errors/index.js';
import { formatSize } from './format-size.js';

/** Bounds for {@link parseSize}, in bytes. */
export interface SizeOptions {
  /** Smallest accepted size (default 1, or 0 with allowZero). */
  min?: bigint;
  /** Largest accepted size (default 1024P = 2^60 bytes, well inside what qemu and libvirt handle). */
  max?: bigint;
  /** Accept 0 (default false). */
  allowZero?: boolean;
}

const SIZE_RE = /^(\d{1,24})(?:\.(\d{1,12}))?(?:([KMGTP])(?:iB|B)?|B)?$/i;
const SHIFT: Record<string, bigint> = { K: 10n, M: 20n, G: 30n, T: 40n, P: 50n };
const MAX_BYTES = 2n ** 60n;
const FORMAT_RULE = 'must be a size like 512M, 20G, 1.5T or a number of bytes';

/**
 * Parse a size: digits with an optional fraction and an optional binary unit K, M, G, T or P (any
 * case, optionally followed by `iB` or `B`), or `B`/nothing for bytes. Numbers are taken as bytes.
 * @returns the size in bytes.
 * @throws ValidationError for garbage, negatives, exponents, fractions of a byte, zero (unless
 *   allowed) and sizes outside [min, max].
 */
export function parseSize(field: string, value: unknown, options: SizeOptions = {}): bigint {
  let bytes: bigint;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      throw new ValidationError(field, value < 0 ? 'must not be negative' : FORMAT_RULE, { value });
    }
    bytes = BigInt(value);
  } else if (typeof value === 'string') {
    const m = SIZE_RE.exec(value);
    if (m === null) {
      throw new ValidationError(field, /^\s*-/.test(value) ? 'must not be negative' : FORMAT_RULE, { value });
    }
    const [, whole = '0', frac = '', unit] = m;
    const multiplier = unit === undefined ? 1n : 1n << (SHIFT[unit.toUpperCase()] ?? 0n);
    const scale = 10n ** BigInt(frac.length);
    const scaled = (BigInt(whole) * scale + BigInt(frac === '' ? '0' : frac)) * multiplier;
    if (scaled % scale !== 0n) {
      throw new ValidationError(field, 'must come out to a whole number of bytes', { value });
    }
    bytes = scaled / scale;
  } else {
    throw new ValidationError(field, FORMAT_RULE, { value });
  }
  if (bytes < 0n) throw new ValidationError(field, 'must not be negative', { value });
  const allowZero = options.allowZero === true;
  if (bytes === 0n && !allowZero) throw new ValidationError(field, 'must be greater than zero', { value });
  const min = options.min ?? (allowZero ? 0n : 1n);
  const max = options.max ?? MAX_BYTES;
  if (bytes < min) throw new ValidationError(field, `must be at least ${formatSize(min)}`, { value });
  if (bytes > max) throw new ValidationError(field, `must be at most ${formatSize(max)}`, { value });
  return bytes;
}
