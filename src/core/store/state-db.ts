// hv's own records (image and backup catalogs, jobs, audit, tokens) live in one SQLite file,
// <state_dir>/hv.db. This module opens it safely (WAL, busy timeout, foreign keys) and applies the
// schema migrations in order, each exactly once, inside a transaction.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StorageError } from '../errors/index.js';
import { MIGRATIONS, type Migration } from './migrations.js';

/** An open state database (better-sqlite3, synchronous). */
export type StateDb = Database.Database;

/** File name of the database inside state_dir. */
export const STATE_DB_FILE = 'hv.db';

/** Open (creating if needed) the state database at `path` and bring its schema up to date. */
export function openStateDb(path: string, migrations: readonly Migration[] = MIGRATIONS): StateDb {
  let db: StateDb;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o750 });
    db = new Database(path);
  } catch (err) {
    throw new StorageError(`cannot open hv's state database ${path}: ${(err as Error).message}`, {
      cause: err,
      details: { path },
    });
  }
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  applyMigrations(db, migrations);
  return db;
}

/** Apply every migration not yet recorded in `schema_migrations`, in order. */
export function applyMigrations(db: StateDb, migrations: readonly Migration[]): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const done = new Set(
    db
      .prepare<[], { id: string }>('SELECT id FROM schema_migrations')
      .all()
      .map((r) => r.id),
  );
  const applied: string[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)');
  for (const m of migrations) {
    if (done.has(m.id)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.id, new Date().toISOString());
    })();
    applied.push(m.id);
  }
  return applied;
}
