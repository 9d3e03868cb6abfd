// Why: the manifest records a SHA-256 per file and verify re-computes it; both read through here,
// streaming (backups are gigabytes) and stoppable with Ctrl-C.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { InterruptedError, StorageError } from '../errors/index.js';

/** Hex SHA-256 and size of a file's content. */
export async function sha256File(
  path: string,
  signal?: AbortSignal,
): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  try {
    const stream = createReadStream(path, {
      highWaterMark: 1 << 20,
      ...(signal === undefined ? {} : { signal }),
    });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      hash.update(chunk);
    }
  } catch (err) {
    if (signal?.aborted === true)
      throw new InterruptedError(`interrupted while hashing ${path}`, { cause: err });
    const code = (err as NodeJS.ErrnoException).code;
    throw new StorageError(`cannot read ${path}: ${code ?? (err as Error).message}`, {
      code: code === 'ENOENT' ? 'STORAGE_NOT_FOUND' : 'STORAGE_ERROR',
      cause: err,
      details: { path },
    });
  }
  return { sha256: hash.digest('hex'), size };
}
