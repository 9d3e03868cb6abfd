// URLs hv downloads from (ISOs, cloud images, checksums, keys): http or https with a real host and
// nothing else. file:, ftp:, data: and javascript: are refused, and so are credentials in the URL,
// which would end up in logs, process listings and the config file.
import { ValidationError } from '../errors/index.js';
import { hasControlChars, requireString } from './require-string.js';

/**
 * Parse an http(s) URL and return it.
 * @throws ValidationError when it is not http(s), names no host, holds `user:password@`, or contains
 *   spaces or control characters.
 */
export function validateHttpUrl(field: string, value: unknown): URL {
  const text = requireString(field, value);
  if (hasControlChars(text) || /\s/.test(text)) {
    throw new ValidationError(field, 'must not contain spaces or control characters', { value: text });
  }
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text)?.[1]?.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') {
    throw new ValidationError(field, 'must be an http:// or https:// URL', { value: text });
  }
  // WHATWG parsing repairs 'http:/x' and 'http:\\x' into 'http://x/': insist on the literal form.
  if (!/^https?:\/\/[^/\\?#]/i.test(text) || !URL.canParse(text)) {
    throw new ValidationError(field, 'must name a host after http:// or https://', { value: text });
  }
  const url = new URL(text);
  if (url.hostname === '') {
    throw new ValidationError(field, 'must name a host after http:// or https://', { value: text });
  }
  if (url.username !== '' || url.password !== '') {
    throw new ValidationError(field, 'must not contain credentials (user:password@)', { value: text });
  }
  return url;
}
