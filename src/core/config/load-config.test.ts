import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../errors/index.js';
import { loadConfig } from './load-config.js';
import { allowedRoots } from './allowed-roots.js';
import { DEFAULT_CONFIG_PATH } from './config-schema.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hv-config-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('loadConfig reads a file and reports where it came from', async () => {
  const file = join(dir, 'ok.yaml');
  await writeFile(file, 'images:\n  dir: /srv/iso\n');
  const loaded = await loadConfig(file);
  assert.equal(loaded.exists, true);
  assert.equal(loaded.path, file);
  assert.equal(loaded.config.images.dir, '/srv/iso');
  assert.deepEqual(loaded.setKeys, ['images.dir']);
});

test('a missing file is all defaults unless it must exist', async () => {
  const file = join(dir, 'missing.yaml');
  const loaded = await loadConfig(file, { mustExist: false });
  assert.equal(loaded.exists, false);
  assert.equal(loaded.config.state_dir, '/var/lib/hv');
  await assert.rejects(loadConfig(file), (err: unknown) => {
    assert.ok(err instanceof ConfigError);
    assert.equal(err.message, `${file}: configuration file does not exist`);
    return true;
  });
});

test('only the default path may be missing without being asked', async () => {
  // /etc/hv/config.yaml may or may not exist on this machine; either way loading must not throw
  // "does not exist".
  const loaded = await loadConfig(DEFAULT_CONFIG_PATH).catch((err: unknown) => err);
  assert.ok(!(loaded instanceof ConfigError && /does not exist/.test(loaded.message)));
});

test('a directory is not a configuration file', async () => {
  const sub = join(dir, 'sub');
  await mkdir(sub);
  await assert.rejects(loadConfig(sub), { message: `${sub}: is a directory, not a configuration file` });
});

test('allowedRoots adds hv directories to allowed_roots without duplicates', async () => {
  const file = join(dir, 'roots.yaml');
  await writeFile(file, 'allowed_roots: [/srv/vm, /var/lib/hv/library]\nbackup:\n  dir: /backup\n');
  const { config } = await loadConfig(file);
  assert.deepEqual(allowedRoots(config), ['/srv/vm', '/var/lib/hv/library', '/var/lib/hv/images', '/backup']);
});
