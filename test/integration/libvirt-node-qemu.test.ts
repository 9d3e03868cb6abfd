// NodeApi and NodeDeviceApi against qemu:///system (no guest): host facts checked against `virsh`
// and /proc, PCI devices listed with the CAP_PCI_DEV flag. Device detach/reset are only exercised on
// their error paths: detaching a real host PCI device could take the machine's NIC away.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { LibvirtClient, LibvirtError } from '../../src/libvirt/index.js';
import { ConnectListNodeDevicesFlags } from '../../src/libvirt/protocol/flags.js';

const NOT_ROOT = process.getuid?.() !== 0 ? 'needs root (qemu:///system)' : false;

function virsh(...args: string[]): Map<string, string> {
  const out = execFileSync('virsh', ['-c', 'qemu:///system', ...args], { encoding: 'utf8' });
  const m = new Map<string, string>();
  for (const line of out.split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) m.set(line.slice(0, i).trim(), line.slice(i + 1).trim());
  }
  return m;
}

describe('NodeApi and NodeDeviceApi on qemu:///system', { skip: NOT_ROOT }, () => {
  let client: LibvirtClient;

  before(async () => {
    client = await LibvirtClient.connect('qemu:///system');
  });

  after(async () => {
    await client.close();
  });

  it('getInfo matches virsh nodeinfo and the CPU count in /proc/cpuinfo', async () => {
    const info = await client.node.getInfo();
    const v = virsh('nodeinfo');
    assert.equal(info.model, v.get('CPU model'));
    assert.equal(info.model, execFileSync('uname', ['-m'], { encoding: 'utf8' }).trim());
    assert.equal(String(info.cpus), v.get('CPU(s)'));
    assert.equal(info.cpus, (readFileSync('/proc/cpuinfo', 'utf8').match(/^processor\s*:/gm) ?? []).length);
    assert.equal(`${info.memoryKiB} KiB`, v.get('Memory size'));
    assert.equal(info.sockets * info.cores * info.threads * info.nodes, info.cpus);
  });

  it('getMemoryStats (count first, then values) agrees with /proc/meminfo MemTotal', async () => {
    const stats = await client.node.getMemoryStats();
    assert.deepEqual(Object.keys(stats).sort(), ['buffers', 'cached', 'free', 'total']);
    const memTotal = /^MemTotal:\s+(\d+) kB/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1];
    assert.equal(stats.total, BigInt(memTotal ?? -1));
    assert.ok(stats.free! <= stats.total);
  });

  it('getCpuStats per CPU and for all, getFreeMemory and per-cell free memory', async () => {
    const all = await client.node.getCpuStats();
    const cpu0 = await client.node.getCpuStats(0);
    assert.deepEqual(Object.keys(all).sort(), ['idle', 'iowait', 'kernel', 'user']);
    assert.deepEqual(Object.keys(cpu0).sort(), Object.keys(all).sort());
    assert.ok(cpu0.idle! <= all.idle! + 10_000_000_000n);
    const free = await client.node.getFreeMemory();
    const cells = await client.node.getCellsFreeMemory(0, 1);
    assert.equal(cells.length, 1);
    const diff = free > cells[0]! ? free - cells[0]! : cells[0]! - free;
    assert.ok(diff < 256n * 1024n * 1024n, `free ${free} vs cell ${cells[0]}`);
  });

  it('getSecurityModel reports the driver virsh capabilities shows', async () => {
    const sec = await client.node.getSecurityModel();
    const caps = await client.connection.getCapabilities();
    const model = /<secmodel>\s*<model>([^<]*)<\/model>\s*<doi>([^<]*)<\/doi>/.exec(caps);
    assert.ok(model, 'capabilities list a secmodel');
    assert.deepEqual(sec, { model: model[1], doi: model[2] });
  });

  it('lists PCI devices with CAP_PCI_DEV; each has a <pci> capability and a parent', async () => {
    const all = await client.nodeDevices.listAll();
    const pci = await client.nodeDevices.listAll(ConnectListNodeDevicesFlags.CAP_PCI_DEV);
    assert.ok(pci.length > 0);
    assert.ok(pci.length < all.length);
    for (const dev of pci) {
      assert.match(dev.name, /^pci_/);
      assert.match(await client.nodeDevices.getXmlDesc(dev), /<capability type='pci'>/);
      assert.ok((await client.nodeDevices.listCaps(dev)).includes('pci'));
      assert.equal(typeof (await client.nodeDevices.getParent(dev)), 'string');
    }
  });

  it('detach, reattach and reset refuse devices that are not PCI (typed errors, nothing touched)', async () => {
    const typed = (pred: (e: LibvirtError) => boolean) => (err: unknown) => {
      assert.ok(err instanceof LibvirtError && pred(err), String(err));
      return true;
    };
    await assert.rejects(
      client.nodeDevices.reAttach('computer'),
      typed((e) => e.isInvalidArg()),
    );
    await assert.rejects(
      client.nodeDevices.reset('computer'),
      typed((e) => e.isInvalidArg()),
    );
    await assert.rejects(
      client.nodeDevices.reAttach('pci_9999_99_99_9'),
      typed((e) => e.isNoNodeDevice()),
    );
    await assert.rejects(
      client.nodeDevices.reset('pci_9999_99_99_9'),
      typed((e) => e.isNoNodeDevice()),
    );
    // Without VFIO (these test hosts) the daemon refuses before looking at the device; with VFIO the
    // root device is not PCI. Either way: a typed refusal.
    await assert.rejects(
      client.nodeDevices.detachFlags('computer', 'vfio'),
      typed((e) => e.isArgumentUnsupported() || e.isInvalidArg()),
    );
  });
});
