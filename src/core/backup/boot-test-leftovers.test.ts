import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootTestMarker, bootTestOwnerOf, currentOwner } from './boot-test-leftovers.js';
import { restoreDomainXml } from './restore-domain-xml.js';

const XML = `<domain type='kvm'>
  <name>web-1</name>
  <uuid>2b1f4a02-1c3e-4f5a-9a8b-0c1d2e3f4a5b</uuid>
  <os><type>hvm</type></os>
  <devices>
    <disk type='file' device='disk'><source file='/a.qcow2'/><target dev='vda' bus='virtio'/></disk>
    <interface type='bridge'><mac address='52:54:00:aa:bb:cc'/><source bridge='br0'/><model type='e1000'/></interface>
    <interface type='network'><source network='lan'/></interface>
  </devices>
</domain>`;

test('a boot-test VM carries its owner in its metadata and its NICs on the isolated network only', () => {
  const owner = currentOwner('/pool/.hv-boot-test-x', 'hv-boottest-net-1-ab');
  const xml = restoreDomainXml(XML, {
    name: 'hv-boottest-web-1-ab',
    newIdentity: true,
    diskFiles: new Map([['vda', '/pool/.hv-boot-test-x/vda.qcow2']]),
    bootTestSerialLog: '/pool/.hv-boot-test-x/serial.log',
    bootTestNetwork: 'hv-boottest-net-1-ab',
    bootTestMarker: bootTestMarker(owner),
  });
  assert.deepEqual(bootTestOwnerOf(xml), owner);
  assert.equal(owner.pid, process.pid);
  const nics = [...xml.matchAll(/<interface[\s\S]*?<\/interface>/g)].map((m) => m[0]);
  assert.deepEqual(nics, [
    '<interface type="network"><source network="hv-boottest-net-1-ab"/><model type="e1000"/></interface>',
    '<interface type="network"><source network="hv-boottest-net-1-ab"/></interface>',
  ]);
  assert.doesNotMatch(xml, /br0|52:54:00:aa:bb:cc|network="lan"/);
});

test('a VM without the marker (or with a foreign namespace) is not a boot-test VM', () => {
  assert.equal(bootTestOwnerOf(XML), undefined);
  const foreign = XML.replace(
    '<os>',
    "<metadata><x:boot-test xmlns:x='https://example.org/other' pid='1' scratch='/'/></metadata><os>",
  );
  assert.equal(bootTestOwnerOf(foreign), undefined);
});
