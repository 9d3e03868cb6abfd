import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { diskEntriesOf } from './domain-disk-entries.js';
import { requireDomainElement } from './domain-xml-tree.js';
import { hasGuestAgentChannel } from './guest-agent-channel.js';

const domain = (devices: string): string =>
  `<domain type='kvm'><name>web</name><devices>${devices}</devices></domain>`;

describe('diskEntriesOf', () => {
  it('reads a lone disk as a list, with its backing chain nearest first', () => {
    const xml = domain(`
      <disk type='file' device='disk'>
        <driver name='qemu' type='qcow2'/>
        <source file='/var/lib/hv/web.qcow2'/>
        <backingStore type='file'><format type='qcow2'/><source file='/img/mid.qcow2'/>
          <backingStore type='file'><format type='raw'/><source file='/img/base.raw'/><backingStore/></backingStore>
        </backingStore>
        <target dev='vda' bus='virtio'/>
      </disk>`);
    assert.deepEqual(diskEntriesOf(requireDomainElement(xml)), [
      {
        target: 'vda',
        device: 'disk',
        type: 'file',
        format: 'qcow2',
        path: '/var/lib/hv/web.qcow2',
        pool: undefined,
        volume: undefined,
        readonly: false,
        shareable: false,
        empty: false,
        snapshot: undefined,
        backing: ['/img/mid.qcow2', '/img/base.raw'],
      },
    ]);
  });

  it('tells block, volume, network and empty sources apart and keeps the flags', () => {
    const xml = domain(`
      <disk type='block' device='lun' snapshot='no'><source dev='/dev/sdb'/><target dev='sda'/><shareable/></disk>
      <disk type='volume' device='disk'><source pool='default' volume='data.qcow2'/><target dev='vdb'/></disk>
      <disk type='network' device='disk'><source protocol='rbd' name='pool/img'/><target dev='vdc'/></disk>
      <disk type='file' device='cdrom'><target dev='sdc'/><readonly/></disk>
      <disk type='file' device='disk'><source file=''/><target dev=''/></disk>`);
    const got = diskEntriesOf(requireDomainElement(xml)).map((d) => ({
      target: d.target,
      device: d.device,
      type: d.type,
      path: d.path,
      pool: d.pool,
      volume: d.volume,
      readonly: d.readonly,
      shareable: d.shareable,
      empty: d.empty,
      snapshot: d.snapshot,
    }));
    const base = { path: undefined, pool: undefined, volume: undefined, readonly: false, shareable: false };
    assert.deepEqual(got, [
      {
        ...base,
        target: 'sda',
        device: 'lun',
        type: 'block',
        path: '/dev/sdb',
        shareable: true,
        empty: false,
        snapshot: 'no',
      },
      {
        ...base,
        target: 'vdb',
        device: 'disk',
        type: 'volume',
        pool: 'default',
        volume: 'data.qcow2',
        empty: false,
        snapshot: undefined,
      },
      { ...base, target: 'vdc', device: 'disk', type: 'network', empty: false, snapshot: undefined },
      {
        ...base,
        target: 'sdc',
        device: 'cdrom',
        type: 'file',
        readonly: true,
        empty: true,
        snapshot: undefined,
      },
      // An empty path or target names nothing.
      { ...base, target: undefined, device: 'disk', type: 'file', empty: true, snapshot: undefined },
    ]);
  });

  it('finds no disks in a domain without devices', () => {
    assert.deepEqual(diskEntriesOf(requireDomainElement('<domain><name>x</name></domain>')), []);
  });
});

describe('requireDomainElement', () => {
  it('rejects text that is not well-formed XML, naming the document', () => {
    assert.throws(
      () => requireDomainElement('<domain><name>x</domain>', 'the manifest domain XML'),
      /the manifest domain XML: is not well-formed XML/,
    );
  });

  it('rejects a document that is not a domain', () => {
    assert.throws(() => requireDomainElement('<network><name>x</name></network>'), /has no <domain> element/);
  });
});

describe('hasGuestAgentChannel', () => {
  it('is true only with the org.qemu.guest_agent.0 port, also as the lone channel', () => {
    const agent = "<channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>";
    const spice = "<channel type='spicevmc'><target type='virtio' name='com.redhat.spice.0'/></channel>";
    assert.equal(hasGuestAgentChannel(requireDomainElement(domain(agent))), true);
    assert.equal(hasGuestAgentChannel(requireDomainElement(domain(spice + agent))), true);
    assert.equal(hasGuestAgentChannel(requireDomainElement(domain(spice))), false);
    assert.equal(hasGuestAgentChannel(requireDomainElement(domain(''))), false);
  });
});
