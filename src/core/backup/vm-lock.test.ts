import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireVmLock } from './vm-lock.js';
import type { HvError } from '../errors/index.js';

function withDir(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'hv-lock-'));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the lock file names its holder and goes away on release', () => {
  withDir((dir) => {
    const lock = acquireVmLock(dir, 'backup', 'web-1', 'hv backup create web-1');
    const holder = JSON.parse(readFileSync(lock.path, 'utf8')) as Record<string, unknown>;
    assert.equal(lock.path, join(dir, 'locks', 'backup-web-1.lock'));
    assert.equal(holder['pid'], process.pid);
    assert.equal(holder['host'], hostname());
    assert.equal(holder['command'], 'hv backup create web-1');
    lock.release();
    lock.release();
    assert.equal(existsSync(lock.path), false);
  });
});

test('a live holder is refused with LOCK_HELD naming it; other VMs are independent', () => {
  withDir((dir) => {
    const first = acquireVmLock(dir, 'backup', 'web-1', 'first');
    assert.throws(
      () => acquireVmLock(dir, 'backup', 'web-1', 'second'),
      (e: HvError) =>
        e.code === 'LOCK_HELD' &&
        e.exitCode === 10 &&
        e.message.includes(`pid ${process.pid}`) &&
        e.message.includes('first'),
    );
    const other = acquireVmLock(dir, 'backup', 'web-2', 'other');
    other.release();
    first.release();
  });
});

test('a lock left by a dead process (kill -9) is taken over and reported', () => {
  withDir((dir) => {
    const first = acquireVmLock(dir, 'backup', 'web-1', 'dead one');
    const stale = {
      pid: 2 ** 22 + 12345,
      host: hostname(),
      command: 'dead one',
      since: '2026-01-01T00:00:00Z',
    };
    writeFileSync(first.path, JSON.stringify(stale));
    const lock = acquireVmLock(dir, 'backup', 'web-1', 'new one');
    assert.equal(lock.tookOver?.pid, stale.pid);
    assert.equal((JSON.parse(readFileSync(lock.path, 'utf8')) as { command: string }).command, 'new one');
    lock.release();
  });
});

test('a reused pid (same pid, other start time) counts as dead; an empty file too', () => {
  withDir((dir) => {
    const first = acquireVmLock(dir, 'backup', 'web-1', 'x');
    writeFileSync(
      first.path,
      JSON.stringify({
        pid: process.pid,
        host: hostname(),
        command: 'old',
        since: 'then',
        processStart: '1',
      }),
    );
    const second = acquireVmLock(dir, 'backup', 'web-1', 'y');
    assert.equal(second.tookOver?.command, 'old');
    writeFileSync(second.path, '');
    const third = acquireVmLock(dir, 'backup', 'web-1', 'z');
    assert.equal(third.tookOver, undefined);
    third.release();
  });
});

test('releasing never removes a lock someone else now holds', () => {
  withDir((dir) => {
    const lock = acquireVmLock(dir, 'backup', 'web-1', 'mine');
    writeFileSync(
      lock.path,
      JSON.stringify({ pid: process.ppid, host: hostname(), command: 'theirs', since: 'now' }),
    );
    lock.release();
    assert.equal(existsSync(lock.path), true);
  });
});
