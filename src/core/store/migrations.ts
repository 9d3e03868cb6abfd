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
];
