// The small JSON file beside a `.part` download: which URL it is from and the validators (ETag,
// Last-Modified) that let a later run ask for "the rest, if the file is still the same" (If-Range).
import { readFile, rename, writeFile } from 'node:fs/promises';

/** What is remembered about a partial download. */
export interface DownloadState {
  readonly url: string;
  readonly etag?: string;
  readonly lastModified?: string;
  /** Full size when the server said it. */
  readonly total?: number;
  /** The server answered a Range request with 206, or advertised Accept-Ranges: bytes. */
  readonly acceptRanges: boolean;
}

/** Read the state file; undefined when absent or unreadable (the .part is then not trusted). */
export async function readDownloadState(path: string): Promise<DownloadState | undefined> {
  try {
    const data = JSON.parse(await readFile(path, 'utf8')) as Partial<DownloadState>;
    if (typeof data.url !== 'string') return undefined;
    return {
      url: data.url,
      acceptRanges: data.acceptRanges === true,
      ...(typeof data.etag === 'string' && { etag: data.etag }),
      ...(typeof data.lastModified === 'string' && { lastModified: data.lastModified }),
      ...(typeof data.total === 'number' && { total: data.total }),
    };
  } catch {
    return undefined;
  }
}

/** Write the state file atomically. */
export async function writeDownloadState(path: string, state: DownloadState): Promise<void> {
  await writeFile(`${path}.tmp`, `${JSON.stringify(state)}\n`, { mode: 0o600 });
  await rename(`${path}.tmp`, path);
}
