// Downloads one large file to a `.part` path, resuming with Range where it stopped: after a cut
// connection or stall (retried here, with backoff) and after an earlier run was interrupted (Ctrl-C
// leaves the .part and its state file). The file's hash is computed while it arrives (the part already
// on disk is hashed first when resuming), so verification needs no second read. A server that ignores
// Range, or whose file changed (If-Range), restarts from zero. Nothing is renamed here: the caller
// moves the file into place only after verifying the returned hash.
import { createHash, type Hash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { stat, truncate, unlink } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HvError, InterruptedError, NetworkError, StorageError } from '../../errors/index.js';
import type { ChecksumAlgorithm } from '../catalog/catalog-entry-schema.js';
import { feedFile } from '../checksum/hash-file.js';
import { readDownloadState, writeDownloadState, type DownloadState } from './download-state.js';
import { openResponse, statusError, type RequestOptions } from './open-response.js';
import { markTransient } from './transient-errors.js';
import { withRetries, type RetryOptions } from './with-retries.js';

/** Progress of a download, for a progress bar. */
export interface DownloadProgress {
  readonly received: number;
  /** Full size, when known. */
  readonly total: number | undefined;
  /** Bytes that were already on disk when this run started. */
  readonly resumedFrom: number;
}

/** What to download where. */
export interface DownloadFileOptions extends Omit<RequestOptions, 'headers'>, Omit<RetryOptions, 'signal'> {
  readonly url: URL;
  /** The `.part` file; `<part>.json` holds its state. */
  readonly partPath: string;
  readonly algorithm: ChecksumAlgorithm;
  readonly onProgress?: (p: DownloadProgress) => void;
  /** Said when something noteworthy happens (resume, restart from zero). */
  readonly onNotice?: (message: string) => void;
}

/** A finished download. */
export interface DownloadResult {
  readonly bytes: number;
  readonly hash: string;
  /** Bytes reused from an earlier run. */
  readonly resumedFrom: number;
  /** Retries that were needed. */
  readonly retries: number;
  /** Bytes actually transferred in this run, and the time it took. */
  readonly transferred: number;
  readonly seconds: number;
  readonly finalUrl: string;
}

/** Path of the state file of a `.part` file. */
export function statePathOf(partPath: string): string {
  return `${partPath}.json`;
}

async function sizeOf(path: string): Promise<number> {
  return (await stat(path).catch(() => undefined))?.size ?? 0;
}

function header(h: IncomingHttpHeaders, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

/** `bytes START-END/TOTAL` -> START and TOTAL. */
function parseContentRange(
  value: string | undefined,
): { start: number; total: number | undefined } | undefined {
  const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(value ?? '');
  if (m === null) return undefined;
  return { start: Number(m[1]), total: m[3] === '*' ? undefined : Number(m[3]) };
}

function asTransferError(err: unknown, url: URL): unknown {
  if (err instanceof HvError) return err;
  const code = (err as { code?: string }).code;
  if (code === 'ENOSPC') {
    return new StorageError(`no space left while downloading ${url.href}`, {
      code: 'STORAGE_FULL',
      cause: err,
    });
  }
  if (
    code === 'ECONNRESET' ||
    code === 'ERR_STREAM_PREMATURE_CLOSE' ||
    (err as Error).message === 'aborted'
  ) {
    return markTransient(
      new NetworkError(`${url.host}: connection closed in the middle of the body`, { cause: err }),
    );
  }
  return err;
}

/** Download `options.url` to `options.partPath`, resuming and retrying; see the module comment. */
export async function downloadFile(options: DownloadFileOptions): Promise<DownloadResult> {
  const { url, partPath, signal } = options;
  const statePath = statePathOf(partPath);
  const previous = await readDownloadState(statePath);
  if (previous?.url !== url.href && (await sizeOf(partPath)) > 0) {
    options.onNotice?.(`discarding a partial download from another URL (${previous?.url ?? 'unknown'})`);
    await truncate(partPath, 0);
  }
  let state: DownloadState | undefined = previous?.url === url.href ? previous : undefined;
  const resumedFrom = await sizeOf(partPath);
  let hash: Hash | undefined;
  let hashed = 0;
  let transferred = 0;
  let retries = 0;
  const started = performance.now();

  const attempt = async (): Promise<DownloadResult> => {
    let offset = await sizeOf(partPath);
    if (hash === undefined || hashed !== offset) {
      hash = createHash(options.algorithm);
      hashed = await feedFile(partPath, hash, { length: offset, ...(signal !== undefined && { signal }) });
    }
    const validator =
      state?.etag !== undefined && !state.etag.startsWith('W/') ? state.etag : state?.lastModified;
    const headers: Record<string, string> =
      offset > 0
        ? { range: `bytes=${offset}-`, ...(validator !== undefined && { 'if-range': validator }) }
        : {};
    const res = await openResponse(url, { ...options, headers });
    const total = (): number | undefined => {
      const len = Number(header(res.headers, 'content-length') ?? NaN);
      return Number.isFinite(len) ? len : undefined;
    };
    let expectedTotal: number | undefined;
    if (res.status === 416 && offset > 0) {
      res.body.resume();
      const cr = /\/(\d+)$/.exec(header(res.headers, 'content-range') ?? '');
      if (cr !== null && Number(cr[1]) === offset) {
        return finish(offset, res.url);
      }
      options.onNotice?.('the server refused to resume; starting over');
      await truncate(partPath, 0);
      throw markTransient(new NetworkError(`${url.host}: range not satisfiable; restarting`));
    }
    if (res.status === 206 && offset > 0) {
      const cr = parseContentRange(header(res.headers, 'content-range'));
      if (cr?.start !== offset) {
        res.body.destroy();
        options.onNotice?.('the server sent a different range than asked; starting over');
        await truncate(partPath, 0);
        throw markTransient(new NetworkError(`${url.host}: unexpected Content-Range; restarting`));
      }
      expectedTotal = cr.total;
      if (offset === resumedFrom && retries === 0 && offset > 0) {
        options.onNotice?.(`resuming at ${offset} bytes`);
      }
    } else if (res.status === 200) {
      if (offset > 0) {
        options.onNotice?.('the server does not resume downloads (no Range support); starting over');
        await truncate(partPath, 0);
        offset = 0;
        hash = createHash(options.algorithm);
        hashed = 0;
      }
      expectedTotal = total();
    } else {
      res.body.resume();
      throw statusError(res);
    }
    const etag = header(res.headers, 'etag');
    const lastModified = header(res.headers, 'last-modified');
    const next: DownloadState = {
      url: url.href,
      acceptRanges: res.status === 206 || header(res.headers, 'accept-ranges') === 'bytes',
      ...(etag !== undefined && { etag }),
      ...(lastModified !== undefined && { lastModified }),
      ...(expectedTotal !== undefined && { total: expectedTotal }),
    };
    state = next;
    await writeDownloadState(statePath, next);
    let received = offset;
    let lastReport = 0;
    const h = hash;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, done) {
        h.update(chunk);
        received += chunk.length;
        hashed = received;
        transferred += chunk.length;
        const now = performance.now();
        if (now - lastReport > 100) {
          lastReport = now;
          options.onProgress?.({ received, total: expectedTotal, resumedFrom });
        }
        done(null, chunk);
      },
    });
    try {
      await pipeline(res.body, tap, createWriteStream(partPath, { flags: 'a' }));
    } catch (err) {
      // Bytes written stay; the next attempt hashes what is on disk again if it differs.
      hashed = -1;
      throw asTransferError(err, url);
    }
    if (expectedTotal !== undefined && received !== expectedTotal) {
      hashed = -1;
      throw markTransient(
        new NetworkError(`${url.host}: connection closed after ${received} of ${expectedTotal} bytes`),
      );
    }
    return finish(received, res.url);
  };

  const finish = (bytes: number, finalUrl: URL): DownloadResult => {
    options.onProgress?.({ received: bytes, total: bytes, resumedFrom });
    return {
      bytes,
      hash: (hash ?? createHash(options.algorithm)).digest('hex'),
      resumedFrom,
      retries,
      transferred,
      seconds: (performance.now() - started) / 1000,
      finalUrl: finalUrl.href,
    };
  };

  try {
    return await withRetries(attempt, {
      ...options,
      onRetry: (err, n, delay) => {
        retries = n;
        options.onNotice?.(
          `${(err as Error).message}; retry ${n} of ${options.retries} in ${(delay / 1000).toFixed(1)} s`,
        );
        options.onRetry?.(err, n, delay);
      },
    });
  } catch (err) {
    if (signal?.aborted === true) {
      const kept = await sizeOf(partPath);
      throw new InterruptedError(
        `download interrupted; ${kept} bytes kept in ${partPath}: run the same command again to resume`,
        { cause: err, details: { partPath, bytes: kept } },
      );
    }
    throw err;
  }
}

/** Remove a `.part` file and its state file (definitive failures). */
export async function discardPart(partPath: string): Promise<void> {
  await unlink(partPath).catch(() => undefined);
  await unlink(statePathOf(partPath)).catch(() => undefined);
}
