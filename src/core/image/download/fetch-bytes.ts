// Small downloads held in memory: checksum lists and signatures (kilobytes). A size cap keeps a
// misconfigured URL (pointing at the ISO itself) from filling memory.
import { NetworkError } from '../../errors/index.js';
import { openResponse, statusError, type RequestOptions } from './open-response.js';
import { withRetries, type RetryOptions } from './with-retries.js';

/** Default cap: 16 MiB. */
const MAX_BYTES = 16 * 1024 * 1024;

/** GET `url` into memory (with retries); refuses bodies over `maxBytes`. */
export async function fetchBytes(
  url: URL,
  options: RequestOptions & Omit<RetryOptions, 'signal'> & { maxBytes?: number },
): Promise<Buffer> {
  const max = options.maxBytes ?? MAX_BYTES;
  return withRetries(async () => {
    const res = await openResponse(url, options);
    if (res.status !== 200) {
      res.body.resume();
      throw statusError(res);
    }
    const declared = Number(res.headers['content-length'] ?? -1);
    if (declared > max) {
      res.body.destroy();
      throw new NetworkError(`${url.href}: ${declared} bytes is too large for a checksum or signature file`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > max) {
        res.body.destroy();
        throw new NetworkError(`${url.href}: larger than ${max} bytes; not a checksum or signature file`);
      }
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  }, options);
}
