// Why: a backup's files must be on stable storage before its manifest is written. Left to the end, that
// fsync waits for every byte QEMU wrote (about as long as the copy itself); flushing the files over and
// over while QEMU still writes them moves that work into the copy, so the final fsync finds little
// left. Node has no sync_file_range: fdatasync runs in the thread pool, off the event loop.
import { open, type FileHandle } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** A running background flush; `stop` ends it (never throws: the final fsync reports errors). */
export interface EarlyWriteback {
  stop(): Promise<void>;
}

/**
 * Flush `paths` (fdatasync) every `intervalMs` until stopped. Files that cannot be opened (not created
 * yet) are tried again on the next round.
 */
export function startEarlyWriteback(paths: readonly string[], intervalMs = 100): EarlyWriteback {
  const handles = new Map<string, FileHandle>();
  const stopper = new AbortController();
  const flushAll = async (): Promise<void> => {
    await Promise.all(
      paths.map(async (p) => {
        let fh = handles.get(p);
        if (fh === undefined) {
          fh = await open(p, 'r');
          handles.set(p, fh);
        }
        await fh.datasync();
      }),
    );
  };
  const loop = (async (): Promise<void> => {
    while (!stopper.signal.aborted) {
      await flushAll().catch(() => undefined);
      await sleep(intervalMs, undefined, { signal: stopper.signal }).catch(() => undefined);
    }
  })();
  return {
    async stop(): Promise<void> {
      stopper.abort();
      await loop;
      await Promise.all([...handles.values()].map((fh) => fh.close().catch(() => undefined)));
    },
  };
}
