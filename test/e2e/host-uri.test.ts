// Every command reaches the host the configuration file names when no --connect/HV_CONNECT is given:
// a config with `connect: test:///default` makes hv ls list and bulk verbs act on the test driver's "test" domain
// (it does not exist on qemu:///system), and --connect still wins over the file.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnHv } from '../helpers/spawn-hv.js';

describe('the configuration file chooses the host', () => {
  let dir: string;
  let config: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'hv-host-uri-'));
    config = join(dir, 'config.yaml');
    writeFileSync(config, 'connect: test:///default\n');
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('a bulk verb acts on the configured host', async () => {
    // resume of the running "test" domain changes nothing: the test driver's state is shared by
    // every connection open at the time, and other e2e files list it side by side.
    const r = await spawnHv(['--config', config, '--json', 'resume', 'test']);
    assert.equal(r.code, 0, r.stderr);
    const line = JSON.parse(r.stdout.trim().split('\n')[0] ?? '{}') as {
      name?: string;
      ok?: boolean;
      result?: string;
    };
    assert.equal(line.name, 'test');
    assert.equal(line.ok, true);
    assert.equal(line.result, 'already running');
  });

  it('hv ls lists the configured host', async () => {
    const r = await spawnHv(['--config', config, 'ls', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const rows = JSON.parse(r.stdout) as { name: string }[];
    assert.deepEqual(
      rows.map((v) => v.name),
      ['test'],
    );
  });

  it('--connect wins over the configuration file', async () => {
    const r = await spawnHv(['--config', config, '--connect', 'test:///default', 'resume', 'no-such-vm-xyz']);
    assert.equal(r.code, 7, r.stderr);
    assert.match(r.stderr, /no-such-vm-xyz/);
  });

  it('a configuration file that does not exist is an error when named', async () => {
    const r = await spawnHv(['--config', join(dir, 'missing.yaml'), 'resume', 'test']);
    assert.equal(r.code, 6, r.stderr);
    assert.match(r.stderr, /missing\.yaml/);
  });
});
