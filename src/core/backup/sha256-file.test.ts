import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256File } from './sha256-file.js';

test('sha256File hashes files across its read boundaries (1 to 8 MiB reads), and empty ones', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hv-sha-'));
  const MiB = 1024 * 1024;
  try {
    for (const size of [0, 1, MiB, MiB + 1, 8 * MiB, 8 * MiB + 3, 17 * MiB + 5, 64 * MiB + 7]) {
      const data = randomBytes(size);
      const path = join(dir, `f${size}`);
      writeFileSync(path, data);
      const h = await sha256File(path);
      assert.equal(h.size, size);
      assert.equal(h.sha256, createHash('sha256').update(data).digest('hex'), `size ${size}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('sha256File: a missing file is STORAGE_NOT_FOUND, an aborted hash INTERRUPTED', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hv-sha-'));
  try {
    await assert.rejects(sha256File(join(dir, 'nope')), { code: 'STORAGE_NOT_FOUND' });
    const path = join(dir, 'big');
    writeFileSync(path, Buffer.alloc(20 * 1024 * 1024));
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(sha256File(path, ac.signal), { code: 'INTERRUPTED' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
