import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startEarlyWriteback } from './early-writeback.js';

test('early writeback runs while files grow, waits for late files, and stops cleanly', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hv-wb-'));
  try {
    const a = join(dir, 'a');
    const late = join(dir, 'late');
    writeFileSync(a, 'x');
    const wb = startEarlyWriteback([a, late], 5);
    for (let i = 0; i < 5; i++) {
      appendFileSync(a, Buffer.alloc(64 * 1024, i));
      await sleep(10);
    }
    writeFileSync(late, 'late'); // created after the writeback began: picked up, no error
    await sleep(20);
    await wb.stop();
    await wb.stop(); // idempotent
    assert.equal(readFileSync(a).length, 1 + 5 * 64 * 1024);
    assert.equal(readFileSync(late, 'utf8'), 'late');
    rmSync(a); // no handle left open that would keep it
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
