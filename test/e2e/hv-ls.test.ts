// `hv ls` end to end: spawn bin/hv against the test driver (fresh state per connection: only the
// default domain "test", running) and against qemu:///system with a defined hvtest domain and two
// running tiny guests: one on a DHCP network of its own (address from the lease), one on user-mode
// networking (no lease: the address comes from the guest agent).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HV_BIN } from '../helpers/spawn-hv.js';
import {
  defineDomain,
  destroyAndUndefine,
  setHvTags,
  uniqueDomainName,
  virsh,
} from '../helpers/guest-virsh.js';
import { startTestGuest, type RunningTestGuest } from '../helpers/test-guest.js';

const HV = HV_BIN;
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
  cpuPercent: number | null;
  ipAddresses: string[];
  autostart: boolean;
  tags: string[];
}

/** The address the guest's DHCP client printed on its serial console. */
function dhcpAddress(g: RunningTestGuest): string {
  return /HV-TEST-GUEST-DHCP ip=(\S+)/.exec(readFileSync(g.serialLog, 'utf8'))?.[1] ?? '';
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
    assert.ok(test.cpuTimeSeconds > 0, 'running: CPU time used');
    assert.equal(test.cpuPercent, null, 'no CPU sample unless --cpu-usage');
    assert.ok(Array.isArray(test.ipAddresses));
    assert.deepEqual(test.tags, []);
  });

  it('--quiet prints only names; --cpu-usage samples CPU % and shows its column', () => {
    const q = hv(['ls', '--quiet', '--connect', 'test:///default']);
    assert.equal(q.status, 0, q.stderr);
    assert.equal(q.stdout, 'test\n');
    const r = hv(['ls', '--json', '--cpu-usage', '--connect', 'test:///default']);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(typeof (JSON.parse(r.stdout) as Row[])[0]?.cpuPercent, 'number', 'running: sampled');
    const t = hv(['ls', '--cpu-usage', '--connect', 'test:///default']);
    assert.match(t.stdout.split('\n')[0] ?? '', /^NAME\s+STATE\s+VCPUS\s+MEMORY\s+CPU%\s+IP\s/);
    assert.match(t.stdout.split('\n')[1] ?? '', /^test\s+running\s+2\s+2048 MiB\s+\d+\.\d\s/);
  });

  it('colours state words only when asked and NO_COLOR is unset (never into a pipe)', () => {
    const plain = hv(['ls', '--connect', 'test:///default'], { NO_COLOR: '' });
    assert.equal(plain.status, 0, plain.stderr);
    assert.equal(plain.stdout.includes('\x1b['), false, 'stdout is a pipe: no escape codes');
  });

  it('on a terminal (script(1) pty) the state is green, and NO_COLOR turns it off', () => {
    const onTty = (extra: NodeJS.ProcessEnv): string => {
      const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
      delete env.NO_COLOR;
      Object.assign(env, extra);
      const r = spawnSync(
        'script',
        ['-qec', `${process.execPath} ${HV} ls --connect test:///default`, '/dev/null'],
        {
          encoding: 'utf8',
          timeout: 60_000,
          env,
        },
      );
      assert.equal(r.status, 0, r.stderr);
      return r.stdout;
    };
    assert.ok(onTty({}).includes('\x1b[32mrunning\x1b[0m'), 'coloured on a TTY');
    assert.equal(onTty({ NO_COLOR: '1' }).includes('\x1b['), false, 'NO_COLOR: plain');
  });

  it('honours HV_CONNECT and prints a table', () => {
    const r = hv(['vm', 'list'], { HV_CONNECT: 'test:///default' });
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^NAME\s+STATE\s+VCPUS\s+MEMORY\s+CPU TIME\s+IP\s+AUTOSTART\s+TAGS$/);
    assert.match(
      lines[1] ?? '',
      /^test\s+running\s+2\s+2048 MiB\s+(\d+\.\ds|\d+m\d\ds|\d+h\d\dm|\d+d\d\dh)\s+\S+\s+(yes|no)\s+-$/,
    );
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
      assert.equal(row.cpuPercent, null);
      assert.deepEqual(row.ipAddresses, []);
    });
  });

  describe('running guests on qemu:///system', { skip: NOT_ROOT }, () => {
    const subnet = `10.251.${randomInt(1, 250)}`;
    const netName = uniqueDomainName('lsnet');
    const bridge = `hvls${randomInt(0, 0xffff).toString(16)}`;
    let leased: RunningTestGuest | undefined;
    let agentOnly: RunningTestGuest | undefined;

    before(async () => {
      const dir = mkdtempSync(join(tmpdir(), 'hvtest-lsnet-'));
      const xml =
        `<network><name>${netName}</name><bridge name='${bridge}' stp='off' delay='0'/>` +
        `<ip address='${subnet}.1' netmask='255.255.255.0'><dhcp><range start='${subnet}.100' end='${subnet}.150'/></dhcp></ip></network>`;
      const file = join(dir, 'net.xml');
      writeFileSync(file, xml);
      try {
        virsh(['net-create', file]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      [leased, agentOnly] = await Promise.all([
        startTestGuest({
          label: 'lslease',
          network: netName,
          kernelArgs: 'probe.net=1',
          agent: false,
          timeoutMs: 300_000,
        }),
        startTestGuest({ label: 'lsagent', network: 'user', kernelArgs: 'probe.net=1', timeoutMs: 300_000 }),
      ]);
      setHvTags(leased.name, ['web', 'prod']);
    });
    after(() => {
      leased?.dispose();
      agentOnly?.dispose();
      virsh(['net-destroy', netName], true);
    });

    it('--json --cpu-usage shows CPU %, the leased address, the agent-reported address and hv tags', () => {
      const r = hv(['ls', '--json', '--cpu-usage', '--connect', 'qemu:///system']);
      assert.equal(r.status, 0, r.stderr);
      const rows = JSON.parse(r.stdout) as Row[];
      const a = rows.find((x) => x.name === leased!.name);
      const b = rows.find((x) => x.name === agentOnly!.name);
      assert.ok(a && b, r.stdout);
      assert.equal(a.state, 'running');
      assert.equal(typeof a.cpuPercent, 'number');
      assert.ok(a.cpuPercent! >= 0);
      assert.deepEqual(a.ipAddresses, [dhcpAddress(leased!)]);
      assert.match(a.ipAddresses[0] ?? '', new RegExp(`^${subnet.replace(/\./g, '\\.')}\\.`));
      assert.deepEqual(a.tags, ['web', 'prod']);
      // User-mode networking: no lease; the agent reports the DHCP address (and a SLAAC IPv6 one).
      assert.equal(b.ipAddresses[0], dhcpAddress(agentOnly!), JSON.stringify(b));
      assert.deepEqual(b.tags, []);
    });

    it('--tag keeps only tagged VMs; the table shows address and tags', () => {
      const r = hv(['ls', '--tag', 'prod', '--connect', 'qemu:///system']);
      assert.equal(r.status, 0, r.stderr);
      const lines = r.stdout.trimEnd().split('\n');
      assert.equal(lines.length, 2, r.stdout);
      assert.ok(lines[1]?.startsWith(`${leased!.name} `), r.stdout);
      assert.match(
        lines[1] ?? '',
        new RegExp(`running .* ${dhcpAddress(leased!).replace(/\./g, '\\.')} +no +web,prod$`),
      );
    });
  });
});
