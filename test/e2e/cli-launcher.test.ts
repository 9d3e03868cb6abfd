// bin/hv.cjs's compiled-code cache: written once per command word into the user's private cache
// directory, reused, rebuilt when corrupt, never read from a directory others can write, and pruned of
// older builds' files; output is the same with and without it. And the bin/hv shell launcher.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  mkdirSync,
  symlinkSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoPath } from '../helpers/repo-file.js';
import { HV_BIN, spawnHv } from '../helpers/spawn-hv.js';

function cacheHome(): { home: string; dir: string; dispose: () => void } {
  const home = mkdtempSync(join(tmpdir(), 'hvtest-launcher-'));
  return {
    home,
    dir: join(home, 'hv'),
    dispose: () => {
      rmSync(home, { recursive: true, force: true });
    },
  };
}

const v8Files = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('.v8'));

describe('bin/hv code cache', () => {
  it('writes one private cache file per command word, refreshes it 3 times, then only reads it', async () => {
    const c = cacheHome();
    try {
      const env = { XDG_CACHE_HOME: c.home };
      const first = await spawnHv(['--version'], { env });
      assert.equal(first.code, 0, first.stderr);
      const stem = `^cli-${process.version.replace(/\./g, '\\.')}-\\d+-\\d+-none`;
      assert.deepEqual(
        v8Files(c.dir).map((f) => new RegExp(`${stem}\\.1\\.v8$`).test(f)),
        [true],
        v8Files(c.dir).join(','),
      );
      assert.equal(statSync(c.dir).mode & 0o777, 0o700);
      for (let i = 0; i < 2; i++) assert.equal((await spawnHv(['--version'], { env })).stdout, first.stdout);
      const files = v8Files(c.dir);
      assert.equal(files.length, 1, files.join(','));
      assert.match(files[0] ?? '', new RegExp(`${stem}\\.3\\.v8$`));
      const file = join(c.dir, files[0] ?? '');
      assert.equal(statSync(file).mode & 0o777, 0o600);
      const before = readFileSync(file);
      const fourth = await spawnHv(['--version'], { env });
      assert.equal(fourth.stdout, first.stdout);
      assert.deepEqual(v8Files(c.dir), files);
      assert.deepEqual(readFileSync(file), before, 'the last generation is not rewritten');
      const ls = await spawnHv(['--connect', 'test:///default', 'ls', '--json'], { env });
      assert.equal(ls.code, 0, ls.stderr);
      assert.ok(
        v8Files(c.dir).some((f) => f.endsWith('-ls.1.v8')),
        v8Files(c.dir).join(','),
      );
    } finally {
      c.dispose();
    }
  });

  it('a corrupt cache file is ignored and rebuilt; the command still answers', async () => {
    const c = cacheHome();
    try {
      const env = { XDG_CACHE_HOME: c.home };
      const plain = await spawnHv(['--help'], { env: { ...env, HV_NO_CODE_CACHE: '1' } });
      assert.equal(plain.code, 0, plain.stderr);
      assert.throws(() => readdirSync(c.dir), 'HV_NO_CODE_CACHE=1 writes nothing');
      await spawnHv(['--help'], { env });
      await spawnHv(['--help'], { env });
      const corrupt = v8Files(c.dir)[0] ?? '';
      assert.match(corrupt, /-none\.2\.v8$/);
      writeFileSync(join(c.dir, corrupt), Buffer.alloc(4096, 0x5a), { mode: 0o600 });
      const r = await spawnHv(['--help'], { env });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, plain.stdout);
      const after = v8Files(c.dir);
      assert.equal(after.length, 1, after.join(','));
      assert.match(after[0] ?? '', /-none\.1\.v8$/, 'rejected: rebuilt from generation 1');
      assert.notDeepEqual(readFileSync(join(c.dir, after[0] ?? '')), Buffer.alloc(4096, 0x5a));
    } finally {
      c.dispose();
    }
  });

  it('never uses a cache directory that others can write', async () => {
    const c = cacheHome();
    try {
      mkdirSync(c.dir, { mode: 0o700 });
      chmodSync(c.dir, 0o777);
      const r = await spawnHv(['--version'], { env: { XDG_CACHE_HOME: c.home } });
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(v8Files(c.dir), []);
    } finally {
      c.dispose();
    }
  });

  it("removes other builds' cache files when it writes a new one", async () => {
    const c = cacheHome();
    try {
      mkdirSync(c.dir, { mode: 0o700 });
      const stale = join(c.dir, 'cli-v0.0.0-1-1-ls.3.v8');
      writeFileSync(stale, 'old', { mode: 0o600 });
      const r = await spawnHv(['--version'], { env: { XDG_CACHE_HOME: c.home } });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(v8Files(c.dir).includes('cli-v0.0.0-1-1-ls.3.v8'), false, v8Files(c.dir).join(','));
      assert.equal(v8Files(c.dir).length, 1);
    } finally {
      c.dispose();
    }
  });
});

describe('bin/hv shell launcher', () => {
  it('starts Node without NODE_EXTRA_CA_CERTS, through a symlink on PATH, keeping args and exit codes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hvtest-launcher-path-'));
    try {
      symlinkSync(repoPath('bin/hv'), join(dir, 'hv'));
      const env = {
        PATH: `${dir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
        HOME: process.env.HOME ?? '/root',
        NO_COLOR: '1',
        NODE_EXTRA_CA_CERTS: '/nonexistent/hvtest-extra-ca.pem',
      };
      // Node itself warns about an unreadable NODE_EXTRA_CA_CERTS at start-up...
      const direct = spawnSync(process.execPath, [HV_BIN, '--version'], { encoding: 'utf8', env });
      assert.match(direct.stderr, /hvtest-extra-ca\.pem/);
      // ...but never sees it through the launcher.
      const viaPath = spawnSync('hv', ['--version'], { encoding: 'utf8', env });
      assert.equal(viaPath.status, 0, viaPath.stderr);
      assert.equal(viaPath.stdout, direct.stdout);
      assert.equal(viaPath.stderr, '');
      const spaced = spawnSync(
        'hv',
        ['--connect', 'test:///default', 'ls', '--state', 'shut off', '--json'],
        {
          encoding: 'utf8',
          env,
        },
      );
      assert.equal(spaced.status, 0, spaced.stderr);
      assert.deepEqual(JSON.parse(spaced.stdout), []);
      const bad = spawnSync(join(dir, 'hv'), ['no-such-command'], { encoding: 'utf8', env });
      assert.equal(bad.status, 4, bad.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
