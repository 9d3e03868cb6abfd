// NodeApi and NodeDeviceApi against libvirtd's test driver (test:///default through the daemon's
// socket), checked against what `virsh` reports for the same driver. One client for the whole file.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { LibvirtClient, LibvirtError } from '../../src/libvirt/index.js';

const URI = 'test:///default';

/** `virsh -c test:///default <cmd>` output (a separate connection; the node data is static). */
function virsh(...args: string[]): string {
  return execFileSync('virsh', ['-c', URI, ...args], { encoding: 'utf8' });
}

/** `Key:   value` lines of virsh output as a map. */
function fields(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of text.split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) m.set(line.slice(0, i).trim(), line.slice(i + 1).trim());
  }
  return m;
}

describe('NodeApi and NodeDeviceApi on test:///default', () => {
  let client: LibvirtClient;

  before(async () => {
    client = await LibvirtClient.connect(URI);
  });

  after(async () => {
    await client.close();
  });

  it('getInfo matches virsh nodeinfo (the 128-byte model field decodes)', async () => {
    const info = await client.node.getInfo();
    const v = fields(virsh('nodeinfo'));
    assert.equal(info.model, v.get('CPU model'));
    assert.equal(String(info.cpus), v.get('CPU(s)'));
    assert.equal(`${info.mhz} MHz`, v.get('CPU frequency'));
    assert.equal(String(info.sockets), v.get('CPU socket(s)'));
    assert.equal(String(info.cores), v.get('Core(s) per socket'));
    assert.equal(String(info.threads), v.get('Thread(s) per core'));
    assert.equal(String(info.nodes), v.get('NUMA cell(s)'));
    assert.equal(`${info.memoryKiB} KiB`, v.get('Memory size'));
  });

  it('getCellsFreeMemory matches virsh freecell (KiB there, bytes here)', async () => {
    const info = await client.node.getInfo();
    const cells = await client.node.getCellsFreeMemory(0, info.nodes);
    assert.equal(cells.length, info.nodes);
    const text = virsh('freecell', '--all');
    cells.forEach((bytes, i) => {
      const m = new RegExp(`^\\s*${i}:\\s+(\\d+) KiB`, 'm').exec(text);
      assert.ok(m, `cell ${i} in ${text}`);
      assert.equal(bytes, BigInt(m[1]!) * 1024n);
    });
  });

  it('getCpuStats asks for the count, then returns the named counters as bigint', async () => {
    const stats = await client.node.getCpuStats();
    assert.deepEqual(Object.keys(stats).sort(), ['idle', 'iowait', 'kernel', 'user']);
    for (const v of Object.values(stats)) assert.equal(typeof v, 'bigint');
  });

  it('getMemoryStats is not supported by the test driver (typed NO_SUPPORT error)', async () => {
    await assert.rejects(client.node.getMemoryStats(), (err: unknown) => {
      assert.ok(err instanceof LibvirtError);
      assert.ok(err.isNoSupport(), err.codeName);
      return true;
    });
  });

  it('getFreeMemory, getSecurityModel and getSysinfo answer', async () => {
    assert.ok((await client.node.getFreeMemory()) > 0n);
    const sec = await client.node.getSecurityModel();
    assert.equal(typeof sec.model, 'string');
    assert.equal(sec.model.includes('\0'), false);
    assert.equal((await client.node.getSysinfo()).trim(), virsh('sysinfo').trim());
  });

  it('lists node devices, looks one up and reads its XML, parent and capabilities', async () => {
    const devs = await client.nodeDevices.listAll();
    const names = devs.map((d) => d.name);
    assert.ok(names.includes('computer'), names.join(','));
    const child = names.find((n) => n !== 'computer');
    assert.ok(child !== undefined);
    const dev = await client.nodeDevices.lookupByName(child);
    assert.equal(dev.name, child);
    const xml = await client.nodeDevices.getXmlDesc(dev);
    assert.match(xml, new RegExp(`<name>${child}</name>`));
    const parent = /<parent>([^<]+)<\/parent>/.exec(xml)?.[1];
    assert.equal(await client.nodeDevices.getParent(dev), parent);
    assert.equal(await client.nodeDevices.getParent('computer'), undefined);
    const caps = await client.nodeDevices.listCaps(dev);
    assert.ok(caps.length > 0);
    for (const cap of caps) assert.match(xml, new RegExp(`<capability type='${cap}'`));
  });

  it('an unknown device is a typed NO_NODE_DEVICE error', async () => {
    await assert.rejects(client.nodeDevices.lookupByName('hvtest-no-such-device'), (err: unknown) => {
      assert.ok(err instanceof LibvirtError && err.isNoNodeDevice(), String(err));
      return true;
    });
  });
});
