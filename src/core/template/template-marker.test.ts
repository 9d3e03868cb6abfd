import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sealDomainXml, templateOfXml } from './template-marker.js';

const XML = `<domain type='kvm'>
  <name>web</name>
  <uuid>11111111-2222-3333-4444-555555555555</uuid>
  <metadata>
    <hv:vm xmlns:hv="https://hv.dev/xmlns/vm/1"><hv:profile format="json">{}</hv:profile></hv:vm>
  </metadata>
  <devices>
    <disk type='file' device='disk'><source file='/p/web-disk0.qcow2'/><target dev='vda' bus='virtio'/></disk>
    <disk type='file' device='disk'><source file='/p/shared.raw'/><target dev='vdb' bus='virtio'/><shareable/></disk>
    <disk type='file' device='cdrom'><source file='/p/web-cidata.iso'/><target dev='sda' bus='sata'/><readonly/></disk>
  </devices>
</domain>`;

describe('template marker', () => {
  it('seals writable disks read-only and records them in the marker', () => {
    const sealed = sealDomainXml(XML, {
      sealedAt: '2026-01-01T00:00:00Z',
      source: 'web',
      identityReset: true,
    });
    assert.deepEqual(sealed.disks, ['vda']);
    assert.match(sealed.xml, /<target dev="vda" bus="virtio"\/>\s*<readonly\/><\/disk>/);
    assert.doesNotMatch(sealed.xml, /<shareable\/>\s*<readonly\/>/);
    assert.deepEqual(templateOfXml(sealed.xml), {
      sealedAt: '2026-01-01T00:00:00Z',
      source: 'web',
      identityReset: true,
      disks: ['vda'],
    });
    assert.match(sealed.xml, /<hv:profile format="json">\{\}<\/hv:profile>/, 'the profile is kept');
  });

  it('is undefined for a plain VM and adds hv metadata to a VM hv did not create', () => {
    assert.equal(templateOfXml(XML), undefined);
    const foreign = XML.replace(/<metadata>[\s\S]*<\/metadata>/, '');
    const sealed = sealDomainXml(foreign, { sealedAt: 't', source: 'web', identityReset: false });
    assert.match(sealed.xml, /<metadata>\s*<hv:vm xmlns:hv="https:\/\/hv.dev\/xmlns\/vm\/1">/);
    assert.equal(templateOfXml(sealed.xml)?.identityReset, false);
  });
});
