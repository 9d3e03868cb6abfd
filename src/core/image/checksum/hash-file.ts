// Hashing a stored image (verify, import) in one streaming pass with large reads; a 4 GiB ISO never
// sits in memory. The AbortSignal stops it promptly on Ctrl-C.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { InterruptedError, StorageError } from '../../errors/index.js';
import type { ChecksumAlgorithm } from '../catalog/catalog-entry-schema.js';

/** The result of hashing a file. */
export interface FileHash {
  readonly hash: string;
  readonly bytes: number;
  /** Wall time spent, for throughput figures. */
  readonly seconds: number;
}

/** Feed the first `length` bytes of `path` (all when undefined) into `hash`; resolves with the count. */
export async function feedFile(
  path: string,
  hash: Hash,
  options: { length?: number; signal?: AbortSignal } = {},
): Promise<number> {
  if (options.length === 0) return 0;
  const stream = createReadStream(path, {
    highWaterMark: 1 << 20,
    ...(options.length !== undefined && { end: options.length - 1 }),
    ...(options.signal !== undefined && { signal: options.signal }),
  });
  let bytes = 0;
  try {
    for await (const chunk of stream) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
  } catch (err) {
    if (options.signal?.aborted === true) throw new InterruptedError(`interrupted while hashing ${path}`);
    const code = (err as { code?: string }).code;
    throw new StorageError(`cannot read ${path}: ${code ?? (err as Error).message}`, {
      code: code === 'ENOENT' ? 'STORAGE_NOT_FOUND' : 'STORAGE_ERROR',
      cause: err,
      details: { path },
    });
  }
  return bytes;
}

/** Hash a whole file with `algorithm`. */
export async function hashFile(
  path: string,
  algorithm: ChecksumAlgorithm,
  options: { signal?: AbortSignal } = {},
): Promise<FileHash> {
  const started = performance.now();
  const hash = createHash(algorithm);
  const bytes = await feedFile(path, hash, options);
  return { hash: hash.digest('hex'), bytes, seconds: (performance.now() - started) / 1000 };
}
