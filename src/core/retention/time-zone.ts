// Why: retention buckets ("which day was this backup?") depend on a time zone, and a silent fallback to
// the process zone would make prune results differ between a shell and the daemon. Zones are IANA
// names, checked once here, and the host's zone is only ever used when a caller asks for it by name.
import { ValidationError } from '../errors/index.js';

/** Zones already checked (building a formatter costs about a millisecond). */
const known = new Set<string>();

/**
 * Check an IANA time zone name (e.g. `Europe/Berlin`, `UTC`) and return it unchanged.
 * @throws ValidationError(field, 'must be an IANA time zone such as Europe/Berlin or UTC').
 */
export function validateTimeZone(field: string, value: unknown): string {
  if (typeof value === 'string' && known.has(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && value.length <= 64) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: value });
      known.add(value);
      return value;
    } catch {
      // fall through to the error below
    }
  }
  throw new ValidationError(field, 'must be an IANA time zone such as Europe/Berlin or UTC', { value });
}

/** The host's time zone as Intl reports it (TZ or /etc/localtime), `UTC` when it reports none. */
export function hostTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
