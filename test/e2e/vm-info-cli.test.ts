// `hv vm info` end to end on qemu:///system: a running tiny guest with a disk, a user-mode NIC (its
// address comes from the guest agent), hv tags and a description; a defined, shut-off domain; and
// the exit codes for an unknown VM and a malformed name.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnHv } from '../helpers/spawn-hv.js';
import {
  defineDomain,
  destroyAndUndefine,
  startTestGuest,
  uniqueDomainName,
  setHvTags,
  virsh,
  type RunningTestGuest,
} from '../helpers/test-guest.js';

const NOT_ROOT = process.getuid?.() !== 0 ? 'needs root (qemu:///system)' : false;
const ENV = { HV_CONNECT: 'qemu:///system' };

interface Info {
  name: string;
  state: string;
  stateReason: string;
  vcpus: number;
  memoryMiB: number;
  firmware: string;
  autostart: boolean;
  tags: string[];
  description: string | null;
  managedByHv: boolean;
  disks: { target: string; path: string | null; sizeBytes: number | null; allocationBytes: number | null }[];
  nics: { mac: string; type: string; network: string | null; model: string | null; ipAddresses: string[] }[];
  consoles: { kind: string; type: string; path?: string }[];
  snapshotCount: number;
  lastBackup: unknown;
}

async function info(name: string, extra: string[] = []): Promise<Info> {
  const r = await spawnHv(['vm', 'info', '--json', ...extra, name], { env: ENV, timeoutMs: 60_000 });
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Info;
}

describe('hv vm info on qemu:///system', { skip: NOT_ROOT }, () => {
  let guest: RunningTestGuest | undefined;
  const offName = uniqueDomainName('info-off');

  before(async () => {
    defineDomain(
      `<domain type='qemu'><name>${offName}</name><memory unit='MiB'>64</memory><vcpu>2</vcpu>` +
        `<os><type arch='x86_64' machine='pc'>hvm</type></os></domain>`,
    );
    guest = await startTestGuest({
      label: 'info',
      diskMiB: 32,
      network: 'user',
      kernelArgs: 'probe.net=1',
      timeoutMs: 300_000,
    });
    virsh(['desc', guest.name, '--live', '--config', 'web front end']);
    setHvTags(guest.name, ['web']);
  });
  after(() => {
    guest?.dispose();
    destroyAndUndefine(offName);
  });

  it('--json of a running guest: state, disk sizes, NIC with the agent-reported address, consoles', async () => {
    const v = await info(guest!.name);
    assert.equal(v.state, 'running');
    assert.equal(v.stateReason, 'booted');
    assert.equal(v.vcpus, 1);
    assert.equal(v.memoryMiB, 128);
    assert.equal(v.firmware, 'bios');
    assert.deepEqual(v.tags, ['web']);
    assert.equal(v.description, 'web front end');
    assert.equal(v.managedByHv, false, 'tags only, no hv profile');
    const vda = v.disks.find((d) => d.target === 'vda');
    assert.ok(vda, JSON.stringify(v.disks));
    assert.equal(vda.path, guest!.diskPath);
    assert.equal(vda.sizeBytes, 32 * 1024 * 1024);
    assert.ok((vda.allocationBytes ?? 0) > 0);
    const xml = virsh(['dumpxml', guest!.name]).stdout;
    const mac = /<mac address='([^']+)'/.exec(xml)?.[1];
    assert.equal(v.nics.length, 1);
    const nic = v.nics[0];
    assert.ok(nic);
    assert.equal(nic.mac, mac);
    assert.equal(nic.type, 'user');
    const dhcp = /HV-TEST-GUEST-DHCP ip=(\S+)/.exec(readFileSync(guest!.serialLog, 'utf8'))?.[1];
    assert.ok(dhcp);
    assert.ok(nic.ipAddresses.includes(dhcp), JSON.stringify(v.nics));
    const serial = v.consoles.find((c) => c.kind === 'serial');
    assert.ok(serial);
    assert.equal(serial.type, 'pty');
    assert.match(serial.path ?? '', /^\/dev\/pts\/\d+$/);
    assert.equal(v.snapshotCount, 0);
    assert.equal(v.lastBackup, null);
  });

  it('the text form names state, disks and the last backup', async () => {
    const r = await spawnHv(['info', guest!.name], { env: ENV, timeoutMs: 60_000 });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^state: +running \(booted\)$/m);
    assert.match(r.stdout, /^last backup: none$/m);
    assert.match(r.stdout, /^vda +disk +32M +\S+ +\//m);
  });

  it('a shut-off domain: state, vCPUs, no addresses', async () => {
    const v = await info(offName);
    assert.equal(v.state, 'shut off');
    assert.equal(v.vcpus, 2);
    assert.equal(v.memoryMiB, 64);
    assert.deepEqual(v.nics, []);
  });

  it('unknown VM exits 7 (VM_NOT_FOUND); a malformed name exits 4', async () => {
    const unknown = await spawnHv(['vm', 'info', uniqueDomainName('nope')], { env: ENV });
    assert.equal(unknown.code, 7, unknown.stderr);
    assert.match(unknown.stderr, /VM_NOT_FOUND/);
    const bad = await spawnHv(['info', 'bad name'], { env: ENV });
    assert.equal(bad.code, 4, bad.stderr);
  });
});
