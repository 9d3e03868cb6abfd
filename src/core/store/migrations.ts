// The ordered list of schema migrations for hv.db. Append only: never edit or reorder a migration
// that has shipped; add a new one. Each area (images, backups, jobs, audit...) adds its own.

/** One schema change, identified by a stable id. */
export interface Migration {
  readonly id: string;
  readonly sql: string;
}

/** Every migration, in the order it is applied. */
export const MIGRATIONS: readonly Migration[] = [
  {
    id: '0001-meta',
    sql: `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  },
  {
    // Image library (src/core/image/library/image-records.ts): one row per ISO or cloud image in the
    // library pool, with where it came from and how it was verified.
    id: '0002-images',
    sql: `CREATE TABLE images (
      name TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('iso', 'cloud')),
      format TEXT NOT NULL,
      arch TEXT,
      pool TEXT NOT NULL,
      volume TEXT NOT NULL,
      path TEXT NOT NULL,
      size_bytes INTEGER NOT NULL,
      source TEXT NOT NULL,
      catalog_entry TEXT,
      checksum_algo TEXT NOT NULL CHECK (checksum_algo IN ('sha256', 'sha512')),
      checksum TEXT NOT NULL,
      verified_by TEXT NOT NULL,
      signer TEXT,
      insecure INTEGER NOT NULL DEFAULT 0,
      insecure_reason TEXT,
      added_at TEXT NOT NULL,
      verified_at TEXT
    );`,
  },
  {
    // Backup catalog (src/core/backup/backup-catalog.ts): one row per complete backup, rebuildable
    // from the manifests on disk (hv backup reindex) except for verification results.
    id: '0003-backups',
    sql: `CREATE TABLE backups (
      id TEXT PRIMARY KEY,
      vm TEXT NOT NULL,
      vm_uuid TEXT NOT NULL,
      type TEXT NOT NULL CHECK (type IN ('full', 'incremental')),
      mode TEXT NOT NULL CHECK (mode IN ('live', 'offline')),
      parent_id TEXT,
      checkpoint TEXT,
      started_at TEXT NOT NULL,
      ended_at TEXT NOT NULL,
      dir TEXT NOT NULL,
      size_bytes INTEGER NOT NULL,
      compressed INTEGER NOT NULL,
      protected INTEGER NOT NULL DEFAULT 0,
      verified_at TEXT,
      verify_result TEXT CHECK (verify_result IN ('ok', 'failed')),
      verify_detail TEXT
    );
    CREATE INDEX backups_vm_started ON backups (vm, started_at);`,
  },
  {
    // Crashed-VM recovery (src/core/vm/recover/recovery-log.ts): one row per restart attempt of
    // `hv recover`, so the per-VM daily cap holds across runs (the seed's timer looped forever).
    id: '0004-recovery-attempts',
    sql: `CREATE TABLE recovery_attempts (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      vm_uuid TEXT NOT NULL,
      vm TEXT NOT NULL,
      at TEXT NOT NULL,
      found_state TEXT NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('restarted', 'failed')),
      error_code TEXT,
      error TEXT
    );
    CREATE INDEX recovery_attempts_vm_at ON recovery_attempts (vm_uuid, at);`,
  },
];
