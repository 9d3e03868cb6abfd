// Tests UnixTransport with real temp sockets: fallback order, nothing listening (missing file and stale
// socket), permission denied (as an unprivileged child process when run as root), abort.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LibvirtAbortError, LibvirtUnavailableError } from '../errors/index.js';
import { UnixTransport } from './unix-transport.js';

describe('UnixTransport', () => {
  let dir: string;
  let server: Server;
  let live: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hv-unix-transport-'));
    chmodSync(dir, 0o755);
    live = join(dir, 'live-sock');
    server = createServer((s) => s.end());
    await new Promise<void>((resolve) => server.listen(live, resolve));
  });
  after(async () => {
    await new Promise<void>((resolve) =>
      server.close(() => {
        resolve();
      }),
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it('connects to the first path that listens', async () => {
    const t = new UnixTransport({ path: join(dir, 'missing'), fallbackPaths: [live] });
    assert.equal(t.description, `unix:${join(dir, 'missing')}`);
    const socket = await t.open();
    assert.equal(socket.destroyed, false);
    socket.destroy();
  });

  it('names every path tried when nothing listens (missing file, stale socket)', async () => {
    const stale = join(dir, 'stale-sock');
    // A socket file whose owner died without removing it: connecting gives ECONNREFUSED.
    spawnSync(process.execPath, [
      '-e',
      `require('net').createServer().listen(${JSON.stringify(stale)}, () => process.kill(process.pid, 'SIGKILL'))`,
    ]);
    assert.ok(existsSync(stale));
    const t = new UnixTransport({ path: join(dir, 'missing'), fallbackPaths: [stale] });
    const err = await t.open().then(
      () => assert.fail('expected an error'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof LibvirtUnavailableError);
    assert.equal(err.reason, 'not-running');
    assert.match(err.message, /missing \(ENOENT\)/);
    assert.match(err.message, /stale-sock \(ECONNREFUSED\)/);
  });

  it('reports permission denied distinctly and does not try further paths', async (t) => {
    if (process.getuid?.() !== 0) {
      t.skip('needs root to run the unprivileged child');
      return;
    }
    const locked = join(dir, 'locked-sock');
    const lockedServer = createServer((s) => s.end());
    await new Promise<void>((resolve) => lockedServer.listen(locked, resolve));
    chmodSync(locked, 0o600);
    try {
      // Run the transport as nobody (uid 65534) in a child; it prints the error's reason.
      const modulePath = fileURLToPath(new URL('./unix-transport.js', import.meta.url));
      const script = `
        import(${JSON.stringify(modulePath)}).then(async ({ UnixTransport }) => {
          try { await new UnixTransport({ path: ${JSON.stringify(locked)}, fallbackPaths: [${JSON.stringify(live)}] }).open(); console.log('connected'); }
          catch (e) { console.log(e.name + ':' + e.reason); }
          process.exit(0);
        });`;
      const child = spawn(process.execPath, ['-e', script], { uid: 65534, gid: 65534 });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      await new Promise((resolve) => child.on('close', resolve));
      assert.equal(out.trim(), 'LibvirtUnavailableError:permission');
    } finally {
      await new Promise<void>((resolve) =>
        lockedServer.close(() => {
          resolve();
        }),
      );
    }
  });

  it('rejects with LibvirtAbortError when aborted', async () => {
    const t = new UnixTransport({ path: live });
    await assert.rejects(t.open(AbortSignal.abort()), LibvirtAbortError);
  });
});
