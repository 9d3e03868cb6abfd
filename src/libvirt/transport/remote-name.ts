// Why: CONNECT_OPEN must carry the URI the *daemon* should open, not the one the client dialled:
// libvirt strips the transport, user, host, port and its client-only parameters (keyfile, pkipath, …)
// and honours an explicit `?name=`. Sending anything else makes the daemon reject or misroute the open.
import { CLIENT_ONLY_PARAMS, type LibvirtUri } from './libvirt-uri.js';

/**
 * The name to send in CONNECT_OPEN for `uri`: `qemu+ssh://u@h/system?keyfile=k` -> `qemu:///system`,
 * `test:///default` -> `test:///default`. A `name` parameter is used verbatim; the `remote` driver
 * sends an empty name (the daemon picks its default driver). Unknown parameters are passed through.
 */
export function remoteName(uri: LibvirtUri): string {
  const explicit = uri.params['name'];
  if (explicit !== undefined) return explicit;
  if (uri.driver === 'remote') return '';
  const query = Object.entries(uri.params)
    .filter(([k]) => !CLIENT_ONLY_PARAMS.has(k))
    .map(([k, v]) => `${encode(k, QUERY_SAFE)}=${encode(v, QUERY_SAFE)}`)
    .join('&');
  const path = uri.path
    .split('/')
    .map((seg) => encode(seg, PATH_SAFE))
    .join('/');
  return `${uri.driver}://${path}${query === '' ? '' : `?${query}`}`;
}

const PATH_SAFE = /%(3A|40|2C|3B|3D|2B|24|21)/gi; // : @ , ; = + $ !
const QUERY_SAFE = /%(3A|40|2C|2F)/gi; // : @ , /

/** Percent-encode `s`, then restore the characters `safe` lists (legal in that part of a URI). */
function encode(s: string, safe: RegExp): string {
  return encodeURIComponent(s).replace(safe, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
