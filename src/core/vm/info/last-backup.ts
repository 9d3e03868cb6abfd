// Why: `hv vm info` answers "when was this VM last backed up" from hv's backup catalog in hv.db, without
// creating the database just to look (no hv.db yet means no backups).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BackupCatalog } from '../../backup/backup-catalog.js';
import { openStateDb, STATE_DB_FILE } from '../../store/state-db.js';

/** The newest complete backup of a VM, as `hv vm info` shows it. */
export interface LastBackup {
  readonly id: string;
  readonly type: 'full' | 'incremental';
  readonly endedAt: string;
  readonly sizeBytes: number;
  readonly dir: string;
}

/** The newest backup of the VM with this uuid (or, for rows without one, this name); null when none. */
export function lastBackup(stateDir: string, vm: { name: string; uuid: string }): LastBackup | null {
  const file = join(stateDir, STATE_DB_FILE);
  if (!existsSync(file)) return null;
  const db = openStateDb(file);
  try {
    const mine = new BackupCatalog(db)
      .list()
      .filter((b) => b.vmUuid === vm.uuid || (b.vmUuid === '' && b.vm === vm.name));
    const newest = mine.sort((a, b) => a.endedAt.localeCompare(b.endedAt)).at(-1);
    return newest === undefined
      ? null
      : {
          id: newest.id,
          type: newest.type,
          endedAt: newest.endedAt,
          sizeBytes: newest.sizeBytes,
          dir: newest.dir,
        };
  } finally {
    db.close();
  }
}
