// In-process tests of `hv config ...` through runCli with in-memory streams and temporary files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../run-cli.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hv-cli-config-'));
  await writeFile(join(dir, 'good.yaml'), 'backup:\n  dir: /srv/backups\nvm:\n  virt_type: qemu\n');
  await writeFile(join(dir, 'bad.yaml'), 'vm:\n  virt_type: xen\n');
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function hv(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await runCli(argv, {
    stdout,
    stderr,
    stdin: new PassThrough(),
    env,
    signal: new AbortController().signal,
  });
  return { code, out, err };
}

test('config show marks the keys the file did not set', async () => {
  const r = await hv(['config', 'show'], { HV_CONFIG: join(dir, 'good.yaml') });
  assert.equal(r.code, 0);
  assert.match(r.out, new RegExp(`^# ${join(dir, 'good.yaml')}\n`));
  assert.match(r.out, /\n {2}dir: \/srv\/backups\n/);
  assert.match(r.out, /\n {2}compress: true # default\n/);
  assert.match(r.out, /\n {2}virt_type: qemu\n/);
  assert.match(r.out, /\nallowed_roots: # default\n/);
});

test('config show --json carries the source and the keys set', async () => {
  const r = await hv(['--json', 'config', 'show'], { HV_CONFIG: join(dir, 'good.yaml') });
  const parsed = JSON.parse(r.out) as {
    exists: boolean;
    setKeys: string[];
    config: { backup: { dir: string } };
  };
  assert.equal(parsed.exists, true);
  assert.deepEqual(parsed.setKeys, ['backup.dir', 'vm.virt_type']);
  assert.equal(parsed.config.backup.dir, '/srv/backups');
});

test('config get prints scalars plainly and sections as YAML', async () => {
  const env = { HV_CONFIG: join(dir, 'good.yaml') };
  assert.equal((await hv(['config', 'get', 'backup.dir'], env)).out, '/srv/backups\n');
  assert.equal((await hv(['config', 'get', 'backup'], env)).out, 'dir: /srv/backups\ncompress: true\n');
  assert.equal((await hv(['--json', 'config', 'get', 'doctor.min_free_gib'], env)).out, '10\n');
});

test('config get refuses unknown keys with exit 4 and a hint', async () => {
  const r = await hv(['config', 'get', 'backup.dri'], { HV_CONFIG: join(dir, 'good.yaml') });
  assert.equal(r.code, 4);
  assert.match(
    r.err,
    /^hv: key: must be a configuration key .*did you mean backup\.dir\? \(got "backup\.dri"\) \[INVALID_ARGUMENT\]\n$/,
  );
});

test('config validate: 0 for a valid file, 6 for an invalid or missing one', async () => {
  assert.equal((await hv(['config', 'validate', join(dir, 'good.yaml')])).code, 0);
  const bad = await hv(['config', 'validate', join(dir, 'bad.yaml')]);
  assert.equal(bad.code, 6);
  assert.match(bad.err, /bad\.yaml:2:14: vm\.virt_type: expected one of: auto, kvm, qemu \(got "xen"\)/);
  assert.equal((await hv(['config', 'validate', join(dir, 'none.yaml')])).code, 6);
});

test('config path prints the file chosen by --config over HV_CONFIG', async () => {
  const r = await hv(['--config', '/a/b.yaml', 'config', 'path'], { HV_CONFIG: '/c/d.yaml' });
  assert.equal(r.out, '/a/b.yaml\n');
  const j = await hv(['--json', 'config', 'path'], { HV_CONFIG: join(dir, 'good.yaml') });
  assert.deepEqual(JSON.parse(j.out), { path: join(dir, 'good.yaml'), exists: true, default: false });
});

test('commands that read a named but missing file fail with exit 6', async () => {
  const r = await hv(['config', 'show'], { HV_CONFIG: join(dir, 'missing.yaml') });
  assert.equal(r.code, 6);
  assert.match(r.err, /missing\.yaml: configuration file does not exist \[CONFIG_INVALID\]/);
});
