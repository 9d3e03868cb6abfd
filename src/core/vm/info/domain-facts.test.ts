import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { domainFacts, hvMetadataText } from './domain-facts.js';

const XML = `<domain type='kvm' id='3'>
  <name>web-1</name>
  <description>front &amp; back</description>
  <metadata>
    <other:vm xmlns:other="https://example.org/x"><other:tag>not-ours</other:tag></other:vm>
    <hv:vm xmlns:hv="https://hv.dev/xmlns/vm/1"><hv:tags><hv:tag>web</hv:tag><hv:tag>prod</hv:tag></hv:tags></hv:vm>
  </metadata>
  <os firmware='efi'><type arch='x86_64' machine='q35'>hvm</type></os>
  <devices>
    <interface type='network'>
      <mac address='52:54:00:AA:bb:01'/><source network='default'/><target dev='vnet3'/><model type='virtio'/>
    </interface>
    <interface type='bridge'><mac address='52:54:00:aa:bb:02'/><source bridge='br0'/><model type='e1000'/></interface>
    <serial type='pty'><source path='/dev/pts/4'/><target type='isa-serial' port='0'/></serial>
    <console type='pty' tty='/dev/pts/4'><source path='/dev/pts/4'/><target type='serial' port='0'/></console>
    <graphics type='vnc' port='5901' autoport='yes' listen='127.0.0.1'><listen type='address' address='127.0.0.1'/></graphics>
    <graphics type='spice' autoport='yes'><listen type='address' address='0.0.0.0'/></graphics>
  </devices>
</domain>`;

describe('domainFacts', () => {
  it('reads NICs, consoles, graphics, firmware, description and only hv tags', () => {
    const f = domainFacts(XML);
    assert.deepEqual(f.nics, [
      { mac: '52:54:00:aa:bb:01', type: 'network', source: 'default', model: 'virtio', hostDevice: 'vnet3' },
      { mac: '52:54:00:aa:bb:02', type: 'bridge', source: 'br0', model: 'e1000', hostDevice: undefined },
    ]);
    assert.deepEqual(
      f.consoles.map((c) => [c.kind, c.type, c.path, c.port]),
      [
        ['serial', 'pty', '/dev/pts/4', 0],
        ['console', 'pty', '/dev/pts/4', 0],
      ],
    );
    assert.deepEqual(f.graphics, [
      { type: 'vnc', listen: '127.0.0.1', port: 5901 },
      { type: 'spice', listen: '0.0.0.0', port: undefined },
    ]);
    assert.equal(f.firmware, 'uefi');
    assert.equal(f.description, 'front & back');
    assert.deepEqual(f.tags, ['web', 'prod']);
  });

  it('a bare domain has no devices, BIOS firmware and no tags', () => {
    const f = domainFacts(`<domain><name>x</name><os><type>hvm</type></os></domain>`);
    assert.deepEqual([f.nics, f.consoles, f.graphics, f.tags, f.firmware], [[], [], [], [], 'bios']);
    assert.equal(hvMetadataText('<domain/>'), '');
  });
});
