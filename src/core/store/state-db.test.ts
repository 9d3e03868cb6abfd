import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { applyMigrations, openStateDb } from './state-db.js';

test('openStateDb creates the file, applies migrations once and enables WAL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hv-db-'));
  try {
    const path = join(dir, 'sub', 'hv.db');
    const db = openStateDb(path);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    const ids = db
      .prepare<[], { id: string }>('SELECT id FROM schema_migrations')
      .all()
      .map((r) => r.id);
    assert.ok(ids.includes('0001-meta'));
    assert.deepEqual(applyMigrations(db, [{ id: '0001-meta', sql: 'SELECT 1' }]), []);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a failing migration is rolled back and not recorded', () => {
  const db = openStateDb(':memory:');
  assert.throws(() =>
    applyMigrations(db, [{ id: 'bad', sql: 'CREATE TABLE t (a INTEGER); INSERT INTO nope VALUES (1);' }]),
  );
  const row = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 't'").get() as { n: number };
  assert.equal(row.n, 0);
  const rec = db.prepare("SELECT count(*) AS n FROM schema_migrations WHERE id = 'bad'").get() as {
    n: number;
  };
  assert.equal(rec.n, 0);
  db.close();
});

test('openStateDb names the path when it cannot open the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hv-db-'));
  try {
    const file = join(dir, 'plain-file');
    writeFileSync(file, 'not a directory');
    const bad = join(file, 'sub', 'hv.db');
    assert.throws(
      () => openStateDb(bad),
      (err: Error) => err.message.includes(bad),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
