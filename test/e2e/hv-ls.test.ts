// `hv ls` end to end: spawn bin/hv against the test driver (fresh state per connection: only the
// default domain "test", running) and against qemu:///system with a defined hvtest domain.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../helpers/guest-build.js';
import { defineDomain, destroyAndUndefine, uniqueDomainName } from '../helpers/guest-virsh.js';

const HV = join(repoRoot(), 'bin', 'hv');
const NOT_ROOT = process.getuid?.() !== 0 ? 'needs root (qemu:///system)' : false;

function hv(args: string[], env: NodeJS.ProcessEnv = {}): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [HV, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1', ...env },
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

interface Row {
  name: string;
  state: string;
  vcpus: number;
  memoryMiB: number;
  cpuTimeSeconds: number;
  autostart: boolean;
}

describe('hv ls', () => {
  it('--json against --connect test:///default lists the running default domain', () => {
    const r = hv(['ls', '--json', '--connect', 'test:///default']);
    assert.equal(r.status, 0, r.stderr);
    const rows = JSON.parse(r.stdout) as Row[];
    assert.equal(rows.length, 1);
    const test = rows[0]!;
    assert.equal(test.name, 'test');
    assert.equal(test.state, 'running');
    assert.equal(test.vcpus, 2);
    assert.equal(test.memoryMiB, 2048);
    assert.equal(typeof test.cpuTimeSeconds, 'number');
  });

  it('honours HV_CONNECT and prints a table', () => {
    const r = hv(['vm', 'list'], { HV_CONNECT: 'test:///default' });
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^NAME\s+STATE\s+VCPUS\s+MEMORY\s+CPU-TIME\s+AUTOSTART$/);
    assert.match(lines[1] ?? '', /^test\s+running\s+2\s+2048 MiB\s+\S+\s+(yes|no)$/);
  });

  it('--state filters, and an unknown state is a usage error (exit 4)', () => {
    const off = hv(['ls', '--json', '--state', 'shutoff', '--connect', 'test:///default']);
    assert.equal(off.status, 0, off.stderr);
    assert.deepEqual(JSON.parse(off.stdout), []);
    const bad = hv(['ls', '--json', '--state', 'runing', '--connect', 'test:///default']);
    assert.equal(bad.status, 4);
    const err = JSON.parse(bad.stderr) as { error: { code: string; message: string } };
    assert.equal(err.error.code, 'INVALID_ARGUMENT');
    assert.match(err.error.message, /did you mean running/);
  });

  it('says how to fix a missing daemon socket (exit 5)', () => {
    const r = hv(['ls', '--connect', 'qemu+unix:///system?socket=/nonexistent/hv-test-sock']);
    assert.equal(r.status, 5);
    assert.match(r.stderr, /cannot reach libvirtd at \/nonexistent\/hv-test-sock: is libvirtd running\?/);
    assert.match(r.stderr, /LIBVIRT_UNAVAILABLE/);
  });

  describe('on qemu:///system', { skip: NOT_ROOT }, () => {
    const name = uniqueDomainName('ls');
    before(() => {
      defineDomain(
        `<domain type='qemu'><name>${name}</name><memory unit='MiB'>96</memory><vcpu>2</vcpu>` +
          `<os><type arch='x86_64' machine='pc'>hvm</type></os></domain>`,
      );
    });
    after(() => {
      destroyAndUndefine(name);
    });

    it('--json includes the defined, shut-off domain with its vCPUs and memory', () => {
      const r = hv(['ls', '--json', '--connect', 'qemu:///system']);
      assert.equal(r.status, 0, r.stderr);
      const row = (JSON.parse(r.stdout) as Row[]).find((x) => x.name === name);
      assert.ok(row, r.stdout);
      assert.equal(row.state, 'shut off');
      assert.equal(row.vcpus, 2);
      assert.equal(row.memoryMiB, 96);
      assert.equal(row.cpuTimeSeconds, 0);
      assert.equal(row.autostart, false);
    });
  });
});
