// Why: a backup must never look complete before it is. Its files are written in a `.partial-` directory;
// then every file is fsynced, the manifest is written (to a temporary name, fsynced, and renamed once
// the files are synced), the directory is fsynced and renamed to its final name, and the parent is
// fsynced. A crash at any point leaves either a partial directory (cleaned by the next run) or a
// complete backup, never a mix.
import { chmod, open, readdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { StorageError } from '../errors/index.js';
import { formatBackupManifest, MANIFEST_FILE, type BackupManifest } from './backup-manifest.js';

async function fsyncPath(path: string, directory = false): Promise<void> {
  const fh = await open(path, directory ? 'r' : 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Flush a file's data to stable storage (fsync). */
export async function fsyncFile(path: string): Promise<void> {
  await fsyncPath(path);
}

/**
 * Make a finished partial directory the backup `finalDir`, manifest last. `filesSynced`: the caller's
 * own fsyncs of every file (alongside hashing, which reads them anyway), during which the manifest is
 * written; without it each file is fsynced here first. Either way nothing is renamed before every file
 * and the manifest are on stable storage: until then the directory is still partial.
 */
export async function commitBackupDir(
  partialDir: string,
  finalDir: string,
  manifest: BackupManifest,
  filesSynced?: Promise<unknown>,
): Promise<void> {
  // Observed here, reported by the await below (a failed fsync fails the commit).
  filesSynced?.catch(() => undefined);
  try {
    for (const name of await readdir(partialDir)) {
      await chmod(join(partialDir, name), 0o600);
      if (filesSynced === undefined) await fsyncPath(join(partialDir, name));
    }
    const tmp = join(partialDir, `.${MANIFEST_FILE}.tmp`);
    await writeFile(tmp, formatBackupManifest(manifest), { mode: 0o600, flush: true });
    await filesSynced;
    await rename(tmp, join(partialDir, MANIFEST_FILE));
    await fsyncPath(partialDir, true);
    await rename(partialDir, finalDir);
    await chmod(finalDir, 0o700);
    await fsyncPath(dirname(finalDir), true);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new StorageError(
      `cannot complete backup ${manifest.id} in ${finalDir}: ${code ?? (err as Error).message}`,
      {
        code: code === 'ENOSPC' || code === 'EDQUOT' ? 'STORAGE_FULL' : 'STORAGE_ERROR',
        cause: err,
        details: { dir: finalDir },
      },
    );
  }
}
