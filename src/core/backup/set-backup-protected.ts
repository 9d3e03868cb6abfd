// Why: a protected backup is never removed by prune. The flag lives twice on purpose: in the catalog
// (fast listing) and as a `.protected` marker file in the backup directory, so a catalog rebuilt from
// the manifests (reindex) still knows it.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StorageError } from '../errors/index.js';
import type { BackupCatalog, CatalogEntry } from './backup-catalog.js';
import { requireBackup } from './resolve-chain.js';
import { PROTECTED_MARKER } from './scan-backup-target.js';

/** Protect or unprotect backup `id`; returns its updated catalog row. */
export async function setBackupProtected(
  catalog: BackupCatalog,
  id: string,
  value: boolean,
): Promise<CatalogEntry> {
  const entry = requireBackup(catalog, id);
  const marker = join(entry.dir, PROTECTED_MARKER);
  try {
    if (value) await writeFile(marker, `protected ${new Date().toISOString()}\n`, { mode: 0o600 });
    else await rm(marker, { force: true });
  } catch (err) {
    throw new StorageError(`cannot ${value ? 'write' : 'remove'} ${marker}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  catalog.setProtected(id, value);
  return requireBackup(catalog, id);
}
