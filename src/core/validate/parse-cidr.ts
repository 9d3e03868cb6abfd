// Networks in CIDR form (192.168.100.0/24, fd00:10::/64) for hv's networks and firewall zones. A
// network address with host bits set is almost always a typo, so it is refused with the fix.
import { ValidationError } from '../errors/index.js';
import { formatIp, parseIpv4, parseIpv6 } from './ip-address.js';
import { requireString } from './require-string.js';

/** A parsed network: family, canonical address text, prefix length, and `address/prefix`. */
export interface Cidr {
  readonly family: 4 | 6;
  readonly address: string;
  readonly prefix: number;
  readonly text: string;
}

/**
 * Parse `address/prefix` (IPv4 prefix 0-32, IPv6 0-128) into canonical form.
 * @throws ValidationError for a bad address, a prefix out of range, or host bits set (the message
 *   says which network was probably meant).
 */
export function parseCidr(field: string, value: unknown): Cidr {
  const text = requireString(field, value);
  const m = /^([^/]+)\/(\d{1,3})$/.exec(text);
  const bytes = m === null ? undefined : m[1]?.includes(':') ? parseIpv6(m[1]) : parseIpv4(m[1] ?? '');
  if (m === null || bytes === undefined) {
    throw new ValidationError(field, 'must be a network like 192.168.100.0/24 or fd00::/64', { value: text });
  }
  const family = bytes.length === 4 ? 4 : 6;
  const bits = bytes.length * 8;
  const prefix = Number(m[2]);
  if (prefix > bits) throw new ValidationError(field, `prefix must be from 0 to ${bits}`, { value: text });
  const network = bytes.map((b, i) => {
    const keep = Math.min(8, Math.max(0, prefix - i * 8));
    return b & ((0xff << (8 - keep)) & 0xff);
  });
  if (network.some((b, i) => b !== bytes[i])) {
    throw new ValidationError(
      field,
      `host bits must be zero (did you mean ${formatIp(network)}/${prefix}?)`,
      { value: text },
    );
  }
  const address = formatIp(network);
  return { family, address, prefix, text: `${address}/${prefix}` };
}
