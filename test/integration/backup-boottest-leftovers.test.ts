// kill -9 of `hv backup verify --boot-test` while its throwaway VM runs leaves the transient VM, its
// isolated network and its scratch disks behind. The next boot test, the next plain verify and the next
// backup remove them (they carry hv's marker naming a dead owner), and so does `hv gc`. The backup is a real qcow2 with a domain XML that
// has a NIC (so the boot test makes an isolated network); its VM never boots (an empty disk), which is
// all a kill needs, on qemu:///system.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { formatBackupManifest } from '../../src/core/backup/backup-manifest.js';
import { fakeManifest } from '../helpers/backup-fixtures.js';
import { HV_BIN, spawnHv, type HvRun } from '../helpers/spawn-hv.js';
import { uniqueDomainName, virsh } from '../helpers/test-guest.js';

const SKIP = process.getuid?.() !== 0 ? 'needs root (qemu:///system)' : false;

const names = (args: string[]): string[] =>
  virsh(args)
    .stdout.split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

describe('boot-test leftovers after kill -9', { skip: SKIP, timeout: 600_000 }, () => {
  const vm = uniqueDomainName('bkbt');
  const id = `${vm}.20261126T120000Z`;
  let root = '';
  let config = '';
  const pool = (): string => join(root, 'pool');
  const hv = (args: readonly string[]): Promise<HvRun> =>
    spawnHv(['--config', config, ...args], { timeoutMs: 300_000 });
  const ours = (): { vms: string[]; nets: string[]; dirs: string[] } => ({
    vms: names(['list', '--all', '--name']).filter((n) => n.startsWith(`hv-boottest-${vm}`)),
    nets: names(['net-list', '--all', '--name']).filter((n) => n.startsWith('hv-boottest-net-')),
    dirs: readdirSync(pool()).filter((n) => n.startsWith('.hv-boot-test-')),
  });

  /** Start a boot test that waits for a marker that never comes; kill -9 hv once its VM exists. */
  async function killDuringBootTest(): Promise<{ vm: string; net: string; dir: string }> {
    const child = spawn(
      HV_BIN,
      ['--config', config, 'backup', 'verify', id, '--boot-test', '--marker', 'NEVER', '--timeout', '600'],
      {
        stdio: 'ignore',
      },
    );
    try {
      for (let i = 0; i < 600; i++) {
        const now = ours();
        const net = now.nets.find((n) => n.includes(`-${child.pid ?? 0}-`));
        if (now.vms.length === 1 && net !== undefined && now.dirs.length === 1) {
          child.kill('SIGKILL');
          await new Promise((r) => child.once('exit', r));
          return { vm: now.vms[0] ?? '', net, dir: now.dirs[0] ?? '' };
        }
        await sleep(200);
      }
      throw new Error(`no boot-test VM appeared: ${JSON.stringify(ours())}`);
    } finally {
      child.kill('SIGKILL');
    }
  }

  before(async () => {
    root = mkdtempSync(join(tmpdir(), `${vm}-`));
    chmodSync(root, 0o755);
    mkdirSync(pool(), { mode: 0o755 });
    config = join(root, 'config.yaml');
    writeFileSync(
      config,
      `connect: qemu:///system\nstate_dir: ${root}/state\nlog_dir: ${root}/log\n` +
        `backup:\n  dir: ${root}/target\nstorage:\n  pool: ${vm}\n  pool_path: ${pool()}\n`,
    );
    const dir = join(root, 'target', vm, id);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'vda.qcow2');
    assert.equal(spawnSync('qemu-img', ['create', '-q', '-f', 'qcow2', file, '16M']).status, 0);
    const bytes = readFileSync(file);
    const m = fakeManifest({ vm, id, startedAt: '2026-11-26T12:00:00Z' });
    const domainXml =
      `<domain type='qemu'><name>${vm}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>` +
      `<os><type arch='x86_64'>hvm</type></os><devices>` +
      `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/nonexistent/${vm}.qcow2'/><target dev='vda' bus='virtio'/></disk>` +
      `<interface type='network'><source network='default'/><model type='virtio'/></interface>` +
      `</devices></domain>`;
    const disk = {
      ...m.disks[0]!,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
    writeFileSync(join(dir, 'manifest.json'), formatBackupManifest({ ...m, domainXml, disks: [disk] }));
    const re = await hv(['backup', 'reindex']);
    assert.equal(re.code, 0, re.stderr);
  });

  after(() => {
    const left = ours();
    for (const n of left.vms) virsh(['destroy', n], true);
    for (const n of left.nets) virsh(['net-destroy', n], true);
    virsh(['pool-destroy', vm], true);
    virsh(['pool-undefine', vm], true);
    rmSync(root, { recursive: true, force: true });
  });

  it('the next boot test removes the VM, its isolated network and its scratch disks', async () => {
    const left = await killDuringBootTest();
    assert.ok(existsSync(join(pool(), left.dir)), 'the scratch directory stays after kill -9');
    assert.deepEqual(ours(), { vms: [left.vm], nets: [left.net], dirs: [left.dir] });
    assert.match(virsh(['net-dumpxml', left.net]).stdout, /^(?![\s\S]*<forward)[\s\S]*<\/network>/);
    assert.equal(virsh(['dominfo', left.vm]).stdout.includes('Persistent:     no'), true);

    const again = await hv(['backup', 'verify', id, '--boot-test', '--marker', 'NEVER', '--timeout', '1']);
    assert.equal(again.code, 11, again.stderr);
    assert.ok(again.stderr.includes(`removed domain ${left.vm}`), again.stderr);
    assert.ok(again.stderr.includes(`removed network ${left.net}`), again.stderr);
    assert.ok(again.stderr.includes(`removed directory ${join(pool(), left.dir)}`), again.stderr);
    assert.deepEqual(ours(), { vms: [], nets: [], dirs: [] });
  });

  it('a plain verify (no --boot-test) removes them too, and still verifies', async () => {
    const left = await killDuringBootTest();
    assert.deepEqual(ours(), { vms: [left.vm], nets: [left.net], dirs: [left.dir] });
    const v = await hv(['backup', 'verify', id]);
    assert.equal(v.code, 0, v.stderr);
    assert.ok(v.stderr.includes(`removed domain ${left.vm}`), v.stderr);
    assert.ok(v.stderr.includes(`removed network ${left.net}`), v.stderr);
    assert.ok(v.stderr.includes(`removed directory ${join(pool(), left.dir)}`), v.stderr);
    assert.deepEqual(ours(), { vms: [], nets: [], dirs: [] });
  });

  it('the next backup run removes them first (even one that then fails)', async () => {
    const left = await killDuringBootTest();
    const b = await hv(['backup', 'create', `${vm}-gone`]);
    assert.notEqual(b.code, 0, 'no such VM');
    assert.ok(b.stderr.includes(`removed domain ${left.vm}`), b.stderr);
    assert.deepEqual(ours(), { vms: [], nets: [], dirs: [] });
  });

  it('hv gc removes them too (and --dry-run only lists them)', async () => {
    const left = await killDuringBootTest();
    const dry = await hv(['--json', 'gc', '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    const listed = (JSON.parse(dry.stdout) as { leftovers: { kind: string; name: string }[] }).leftovers;
    for (const [kind, name] of [
      ['domain', left.vm],
      ['network', left.net],
      ['directory', join(pool(), left.dir)],
    ])
      assert.ok(
        listed.some((l) => l.kind === kind && l.name === name),
        `${kind} ${name} in ${dry.stdout}`,
      );
    assert.deepEqual(ours(), { vms: [left.vm], nets: [left.net], dirs: [left.dir] });

    const gc = await hv(['gc']);
    assert.equal(gc.code, 0, gc.stderr);
    assert.match(gc.stdout, new RegExp(`removed domain ${left.vm}`));
    assert.deepEqual(ours(), { vms: [], nets: [], dirs: [] });
  });
});
