import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readDomainFacts } from './domain-disks.js';
import { restoreDomainXml } from './restore-domain-xml.js';
import { decodeXmlText } from '../domain-xml/ordered-xml.js';

const XML = `<domain type='kvm'>
  <name>web-1</name>
  <uuid>2b1f4a02-1c3e-4f5a-9a8b-0c1d2e3f4a5b</uuid>
  <metadata>
    <hv:vm xmlns:hv="https://hv.dev/xmlns/vm/1">
      <hv:profile format="json">{"name":"web-1","nics":[{"network":"lan","mac":"52:54:00:aa:bb:cc"}],"note":"a &amp; b"}</hv:profile>
    </hv:vm>
  </metadata>
  <os>
    <type arch='x86_64' machine='q35'>hvm</type>
    <loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE.fd</loader>
    <nvram>/var/lib/libvirt/qemu/nvram/web-1_VARS.fd</nvram>
  </os>
  <devices>
    <disk type='block' device='disk'>
      <driver name='qemu' type='raw' cache='none'/>
      <source dev='/dev/vg/web-1'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='/var/lib/hv/images/web-1 &amp; data.qcow2'/>
      <backingStore type='file'><format type='qcow2'/><source file='/base.qcow2'/></backingStore>
      <target dev='vdb' bus='virtio'/>
    </disk>
    <disk type='file' device='cdrom'>
      <source file='/isos/install.iso'/>
      <target dev='sda' bus='sata'/>
      <readonly/>
    </disk>
    <interface type='network'>
      <mac address='52:54:00:aa:bb:cc'/>
      <source network='lan'/>
      <model type='virtio'/>
    </interface>
    <hostdev mode='subsystem' type='pci'><source><address domain='0' bus='1' slot='0' function='0'/></source></hostdev>
    <serial type='pty'><target port='0'/></serial>
    <channel type='unix'><source mode='bind' path='/run/web-1.agent'/><target type='virtio' name='org.qemu.guest_agent.0'/></channel>
  </devices>
</domain>`;

const files = new Map([
  ['vda', '/restore/new-vda.qcow2'],
  ['vdb', '/restore/new & vdb.qcow2'],
]);

test('same name: identity kept, disks point at the restored qcow2 files', () => {
  const xml = restoreDomainXml(XML, { name: 'web-1', newIdentity: false, diskFiles: files });
  const facts = readDomainFacts(xml);
  assert.equal(facts.uuid, '2b1f4a02-1c3e-4f5a-9a8b-0c1d2e3f4a5b');
  assert.deepEqual(
    facts.disks.map((d) => [d.target, d.type, d.format, d.source]),
    [
      ['vda', 'file', 'qcow2', '/restore/new-vda.qcow2'],
      ['vdb', 'file', 'qcow2', '/restore/new & vdb.qcow2'],
      ['sda', 'file', undefined, '/isos/install.iso'],
    ],
  );
  assert.doesNotMatch(xml, /backingStore|source dev=/);
  assert.match(xml, /cache="none"/, 'other driver settings stay');
  assert.match(xml, /52:54:00:aa:bb:cc/);
  assert.match(xml, /web-1_VARS\.fd/);
});

test('a new name gets no UUID, no MACs, no NVRAM path, no fixed agent socket; metadata renamed', () => {
  const xml = restoreDomainXml(XML, { name: 'web-2', newIdentity: true, diskFiles: files });
  const facts = readDomainFacts(xml);
  assert.equal(facts.name, 'web-2');
  assert.equal(facts.uuid, '');
  assert.doesNotMatch(xml, /<mac |_VARS|\/run\/web-1\.agent/);
  assert.match(xml, /<loader readonly="yes" type="pflash">/);
  assert.equal(facts.hasAgentChannel, true);
  const profile = /<hv:profile format="json">([^<]*)</.exec(xml)?.[1] ?? '';
  const doc = JSON.parse(decodeXmlText(profile)) as { name: string; nics: object[]; note: string };
  assert.equal(doc.name, 'web-2');
  assert.deepEqual(doc.nics, [{ network: 'lan' }]);
  assert.equal(doc.note, 'a & b');
});

test('an in-place restore can carry over the existing UUID', () => {
  const xml = restoreDomainXml(XML, {
    name: 'web-1',
    newIdentity: false,
    diskFiles: files,
    uuid: 'aaaaaaaa-1c3e-4f5a-9a8b-0c1d2e3f4a5b',
  });
  assert.equal(readDomainFacts(xml).uuid, 'aaaaaaaa-1c3e-4f5a-9a8b-0c1d2e3f4a5b');
});

test('a boot test is isolated: no NIC, no host device, no CD-ROM, serial logged to the given file', () => {
  const xml = restoreDomainXml(XML, {
    name: 'hv-boottest-web-1-0001',
    newIdentity: true,
    diskFiles: files,
    bootTestSerialLog: '/scratch/serial.log',
  });
  assert.doesNotMatch(xml, /<interface|<hostdev|install\.iso/);
  assert.equal((xml.match(/<serial /g) ?? []).length, 1);
  assert.match(
    xml,
    /<serial type="pty"><log file="\/scratch\/serial\.log" append="off"\/><target port="0"\/><\/serial>/,
  );
  assert.match(xml, /<console type="pty">/);
  assert.deepEqual(
    readDomainFacts(xml).disks.map((d) => d.target),
    ['vda', 'vdb'],
  );
});

test('new name with a backed-up NVRAM: the VM gets its own copy, the template stays', () => {
  const withTemplate = XML.replace('<nvram>', "<nvram template='/usr/share/OVMF/OVMF_VARS.fd'>");
  const xml = restoreDomainXml(withTemplate, {
    name: 'web-2',
    newIdentity: true,
    diskFiles: files,
    nvramFile: '/restore/web-2_VARS.fd',
  });
  assert.match(xml, /<nvram template="\/usr\/share\/OVMF\/OVMF_VARS.fd">\/restore\/web-2_VARS.fd<\/nvram>/);
  assert.doesNotMatch(xml, /web-1_VARS/);
});
