// MAC addresses for VM NICs: six hex octets, unicast, not all zero; written back in the lower-case,
// colon-separated form libvirt prints, so comparisons are plain string equality.
import { ValidationError } from '../errors/index.js';
import { requireString } from './require-string.js';

const MAC_RE = /^[0-9a-f]{2}([:-])[0-9a-f]{2}(?:\1[0-9a-f]{2}){4}$/i;

/**
 * Check a MAC address (`52:54:00:ab:cd:ef` or with `-`) and return it lower-case with colons.
 * @throws ValidationError for a bad format, a multicast/broadcast address or all zeros.
 */
export function normalizeMac(field: string, value: unknown): string {
  const text = requireString(field, value);
  if (!MAC_RE.test(text)) {
    throw new ValidationError(field, 'must be a MAC address like 52:54:00:12:34:56', { value: text });
  }
  const mac = text.toLowerCase().replace(/-/g, ':');
  if ((parseInt(mac.slice(0, 2), 16) & 1) === 1) {
    throw new ValidationError(field, 'must be a unicast address (the first octet must be even)', {
      value: text,
    });
  }
  if (mac === '00:00:00:00:00:00') throw new ValidationError(field, 'must not be all zeros', { value: text });
  return mac;
}
