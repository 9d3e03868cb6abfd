import { test } from 'node:test';
import assert from 'node:assert/strict';
import { domainDiskSources } from './domain-disk-sources.js';

test('cdrom files, volume disks and the <backingStore> chain of a running domain', () => {
  const xml = `<domain type='kvm'><name>web-1</name><devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='/var/lib/hv/images/web-1.qcow2' index='2'/>
      <backingStore type='file' index='3'>
        <format type='qcow2'/>
        <source file='/var/lib/hv/images/mid.qcow2'/>
        <backingStore type='file' index='4'><format type='qcow2'/><source file='/var/lib/hv/library/debian-12.qcow2'/><backingStore/></backingStore>
      </backingStore>
      <target dev='vda' bus='virtio'/>
    </disk>
    <disk type='file' device='cdrom'><source file='/var/lib/hv/library/a&amp;b.iso'/><target dev='sda' bus='sata'/><readonly/></disk>
    <disk type='volume' device='cdrom'><source pool='hv-library' volume='x.iso'/><target dev='sdb'/></disk>
    <disk type='file' device='cdrom'><target dev='sdc'/></disk>
    <disk type='block' device='disk'><source dev='/dev/vg/x'/><target dev='vdb'/></disk>
  </devices></domain>`;
  assert.deepEqual(domainDiskSources(xml), [
    {
      device: 'disk',
      target: 'vda',
      path: '/var/lib/hv/images/web-1.qcow2',
      volume: undefined,
      backing: ['/var/lib/hv/images/mid.qcow2', '/var/lib/hv/library/debian-12.qcow2'],
    },
    { device: 'cdrom', target: 'sda', path: '/var/lib/hv/library/a&b.iso', volume: undefined, backing: [] },
    {
      device: 'cdrom',
      target: 'sdb',
      path: undefined,
      volume: { pool: 'hv-library', name: 'x.iso' },
      backing: [],
    },
    { device: 'cdrom', target: 'sdc', path: undefined, volume: undefined, backing: [] },
    { device: 'disk', target: 'vdb', path: '/dev/vg/x', volume: undefined, backing: [] },
  ]);
});

test('a domain without disks, or something that is not a domain, has no disk sources', () => {
  assert.deepEqual(domainDiskSources(`<domain><name>x</name><devices/></domain>`), []);
  assert.deepEqual(domainDiskSources(`<network><name>x</name></network>`), []);
});
