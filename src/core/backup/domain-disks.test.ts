import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backupDisksOf, diskExclusionReason, readDomainFacts } from './domain-disks.js';

const XML = `<domain type="qemu"><name>a&amp;b</name><uuid>u-1</uuid><devices>
  <disk type="file" device="disk"><driver name="qemu" type="qcow2"/><source file="/i/a.qcow2"/><target dev="vda" bus="virtio"/></disk>
  <disk type="block" device="disk"><driver name="qemu" type="raw"/><source dev="/dev/sdz"/><target dev="vdb" bus="virtio"/></disk>
  <disk type="network" device="disk"><driver name="qemu" type="raw"/><source protocol="rbd" name="pool/img"/><target dev="vdc" bus="virtio"/></disk>
  <disk type="file" device="disk"><driver name="qemu" type="raw"/><source file="/i/shared.raw"/><target dev="vdd" bus="virtio"/><shareable/></disk>
  <disk type="file" device="disk"><source file="/i/ro.img"/><target dev="vde" bus="virtio"/><readonly/></disk>
  <disk type="file" device="cdrom"><target dev="sda" bus="sata"/><readonly/></disk>
</devices></domain>`;

test('disks, name and UUID are read from the XML', () => {
  const f = readDomainFacts(XML);
  assert.equal(f.name, 'a&b');
  assert.equal(f.uuid, 'u-1');
  assert.equal(f.hasAgentChannel, false);
  assert.deepEqual(f.disks[0], {
    target: 'vda',
    device: 'disk',
    type: 'file',
    source: '/i/a.qcow2',
    format: 'qcow2',
    readonly: false,
    shareable: false,
  });
  assert.equal(f.disks[1]?.source, '/dev/sdz');
  assert.equal(f.disks[2]?.source, undefined);
});

test('backups take guest data disks only, and say why others are left out', () => {
  const f = readDomainFacts(XML);
  assert.deepEqual(
    backupDisksOf(f).map((d) => d.target),
    ['vda', 'vdb', 'vdc'],
  );
  assert.deepEqual(
    f.disks.map((d) => diskExclusionReason(d) ?? 'backed up'),
    [
      'backed up',
      'backed up',
      'backed up',
      'it is shared with other VMs',
      'it is read-only',
      'it is a cdrom',
    ],
  );
});
