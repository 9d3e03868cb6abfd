import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startImageServer, type ImageServer } from '../../../../test/helpers/image-server.js';
import { HvError } from '../../errors/index.js';
import { downloadFile, statePathOf, type DownloadFileOptions } from './download-file.js';
import { fetchBytes } from './fetch-bytes.js';
import { isTransient } from './transient-errors.js';
import { backoffDelay } from './with-retries.js';

const data = randomBytes(3 * 1024 * 1024 + 17);
const sha256 = createHash('sha256').update(data).digest('hex');
let server: ImageServer;
let dir: string;
let part: string;

const opts = (extra: Partial<DownloadFileOptions> = {}): DownloadFileOptions => ({
  url: new URL('img.qcow2', server.base),
  partPath: part,
  algorithm: 'sha256',
  retries: 3,
  baseDelayMs: 10,
  connectTimeoutMs: 2000,
  stallTimeoutMs: 2000,
  ...extra,
});

before(async () => {
  server = await startImageServer();
  server.put('img.qcow2', data);
  dir = mkdtempSync(join(tmpdir(), 'hv-dl-'));
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  part = join(dir, `${Math.random().toString(36).slice(2)}.part`);
  server.requests.length = 0;
  server.setMode('img.qcow2', { kind: 'normal' });
});

describe('downloadFile against a loopback server', () => {
  it('downloads the whole file and hashes it on the way', async () => {
    const r = await downloadFile(opts());
    assert.equal(r.bytes, data.length);
    assert.equal(r.hash, sha256);
    assert.equal(r.retries, 0);
    assert.deepEqual(readFileSync(part), data);
    const state = JSON.parse(readFileSync(statePathOf(part), 'utf8')) as { acceptRanges: boolean };
    assert.equal(state.acceptRanges, true);
  });

  it('a connection cut halfway is retried with Range and ends with the right bytes', async () => {
    server.setMode('img.qcow2', { kind: 'cut', times: 1 });
    const notices: string[] = [];
    const r = await downloadFile(opts({ onNotice: (m) => notices.push(m) }));
    assert.equal(r.hash, sha256);
    assert.equal(r.retries, 1);
    assert.deepEqual(readFileSync(part), data);
    const second = server.requests[1];
    assert.ok(
      second?.range !== undefined && /^bytes=[1-9]\d*-$/.test(second.range),
      JSON.stringify(server.requests),
    );
    assert.equal(second.status, 206);
    assert.ok(second.ifRange?.startsWith('"'), 'If-Range carries the ETag');
    assert.ok(r.transferred < data.length * 1.25, `re-sent only the rest (${r.transferred})`);
    assert.ok(
      notices.some((n) => /retry 1 of 3/.test(n)),
      notices.join('|'),
    );
  });

  it('a server without Range support restarts from zero after a cut', async () => {
    server.setMode('img.qcow2', { kind: 'no-range' });
    writeFileSync(part, data.subarray(0, 1000));
    writeFileSync(statePathOf(part), JSON.stringify({ url: opts().url.href, acceptRanges: false }));
    const notices: string[] = [];
    const r = await downloadFile(opts({ onNotice: (m) => notices.push(m) }));
    assert.equal(r.hash, sha256);
    assert.equal(statSync(part).size, data.length);
    assert.ok(
      notices.some((n) => /starting over/.test(n)),
      notices.join('|'),
    );
  });

  it('resumes a .part left by an earlier run (If-Range matches) and hashes the kept bytes too', async () => {
    const first = await downloadFile(opts());
    assert.equal(first.hash, sha256);
    // Pretend the earlier run stopped at 1 MiB.
    writeFileSync(part, data.subarray(0, 1024 * 1024));
    server.requests.length = 0;
    const r = await downloadFile(opts());
    assert.equal(r.resumedFrom, 1024 * 1024);
    assert.equal(r.hash, sha256);
    assert.equal(server.requests[0]?.status, 206);
  });

  it('a .part whose file changed upstream (ETag differs) starts over', async () => {
    writeFileSync(part, Buffer.alloc(4096, 7));
    writeFileSync(
      statePathOf(part),
      JSON.stringify({ url: opts().url.href, etag: '"old"', acceptRanges: true }),
    );
    const r = await downloadFile(opts());
    assert.equal(r.hash, sha256);
    assert.equal(server.requests[0]?.status, 200);
  });

  it('404 fails at once with REMOTE_NOT_FOUND, not retried', async () => {
    server.setMode('img.qcow2', { kind: 'not-found' });
    await assert.rejects(downloadFile(opts()), (e: unknown) => {
      assert.ok(e instanceof HvError && e.code === 'REMOTE_NOT_FOUND' && e.exitCode === 5, String(e));
      assert.equal(isTransient(e), false);
      return true;
    });
    assert.equal(server.requests.length, 1);
  });

  it('a server that never answers is a TIMEOUT after the retries', async () => {
    server.setMode('img.qcow2', { kind: 'stall-headers' });
    await assert.rejects(downloadFile(opts({ retries: 1, stallTimeoutMs: 200 })), (e: unknown) => {
      assert.ok(e instanceof HvError && e.code === 'TIMEOUT', String(e));
      assert.match(e.message, /stalled/);
      return true;
    });
    assert.equal(server.requests.length, 2);
  });

  it('a stall halfway keeps the bytes; the retry resumes from them', async () => {
    server.setMode('img.qcow2', { kind: 'stall-half', times: 1 });
    const r = await downloadFile(opts({ stallTimeoutMs: 300 }));
    assert.equal(r.hash, sha256);
    assert.equal(server.requests[1]?.status, 206);
  });

  it('an abort (Ctrl-C) keeps a resumable .part and says so', async () => {
    server.setMode('img.qcow2', { kind: 'stall-half', times: 1 });
    const ac = new AbortController();
    const p = downloadFile(opts({ signal: ac.signal, stallTimeoutMs: 5000 }));
    setTimeout(() => {
      ac.abort();
    }, 300);
    await assert.rejects(p, (e: unknown) => {
      assert.ok(e instanceof HvError && e.code === 'INTERRUPTED' && e.exitCode === 130, String(e));
      assert.match(e.message, /run the same command again to resume/);
      return true;
    });
    assert.ok(existsSync(part) && statSync(part).size > 0);
    server.setMode('img.qcow2', { kind: 'normal' });
    const r = await downloadFile(opts());
    assert.ok(r.resumedFrom > 0);
    assert.equal(r.hash, sha256);
  });
});

describe('fetchBytes', () => {
  it('fetches a small file, refuses one over the cap, maps 404', async () => {
    server.put('SHA256SUMS', `${sha256}  img.qcow2\n`);
    const o = { retries: 0, connectTimeoutMs: 1000, stallTimeoutMs: 1000 };
    assert.equal(
      (await fetchBytes(new URL('SHA256SUMS', server.base), o)).toString(),
      `${sha256}  img.qcow2\n`,
    );
    await assert.rejects(
      fetchBytes(new URL('img.qcow2', server.base), { ...o, maxBytes: 1000 }),
      /too large/,
    );
    await assert.rejects(
      fetchBytes(new URL('nope', server.base), o),
      (e: HvError) => e.code === 'REMOTE_NOT_FOUND',
    );
  });
});

describe('backoffDelay', () => {
  it('doubles from the base up to the cap, with +-20 % jitter', () => {
    assert.deepEqual(
      [1, 2, 3, 4].map((n) => backoffDelay(n, 1000, 30_000, () => 0.5)),
      [1000, 2000, 4000, 8000],
    );
    assert.equal(
      backoffDelay(10, 1000, 30_000, () => 0.5),
      30_000,
    );
    assert.equal(
      backoffDelay(1, 1000, 30_000, () => 0),
      800,
    );
    assert.equal(
      backoffDelay(1, 1000, 30_000, () => 1),
      1200,
    );
  });
});
