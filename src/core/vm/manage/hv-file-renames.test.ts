import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hvFileRenames, isLocalHost, withRenamedPaths } from './hv-file-renames.js';

const XML = `<domain><name>web-1</name><os><nvram template='/usr/share/OVMF/OVMF_VARS.fd'>/pool/web-1-nvram.fd</nvram></os>
<devices>
<disk type='file' device='disk'><source file='/pool/web-1-disk0.qcow2'/></disk>
<disk type='file' device='disk'><source file='/pool/web-1-disk1.qcow2'/></disk>
<disk type='file' device='disk'><source file='/pool/web-10-disk0.qcow2'/></disk>
<disk type='file' device='disk'><source file='/pool/web-1-data.qcow2'/></disk>
<disk type='file' device='disk'><source file='/elsewhere/web-1-disk2.qcow2'/></disk>
<disk type='file' device='cdrom'><source file='/pool/web-1-cidata.iso'/><readonly/></disk>
</devices></domain>`;

describe("renaming hv's files after a VM", () => {
  it("moves only the pool files hv's naming scheme ties to the VM", () => {
    assert.deepEqual(hvFileRenames(XML, 'web-1', 'db-1', '/pool'), [
      { from: '/pool/web-1-disk0.qcow2', to: '/pool/db-1-disk0.qcow2' },
      { from: '/pool/web-1-disk1.qcow2', to: '/pool/db-1-disk1.qcow2' },
      { from: '/pool/web-1-cidata.iso', to: '/pool/db-1-cidata.iso' },
      { from: '/pool/web-1-nvram.fd', to: '/pool/db-1-nvram.fd' },
    ]);
  });

  it('rewrites the moved paths in attributes and element text, nothing else', () => {
    const moves = hvFileRenames(XML, 'web-1', 'db-1', '/pool');
    const out = withRenamedPaths(XML, moves);
    assert.match(out, /<source file='\/pool\/db-1-disk0\.qcow2'\/>/);
    assert.match(out, />\/pool\/db-1-nvram\.fd<\/nvram>/);
    assert.match(out, /<source file='\/pool\/web-10-disk0\.qcow2'\/>/);
    assert.match(out, /<source file='\/pool\/web-1-data\.qcow2'\/>/);
    assert.match(out, /<name>web-1<\/name>/);
  });

  it('treats only unix-socket URIs as this host', () => {
    assert.equal(isLocalHost('qemu:///system'), true);
    assert.equal(isLocalHost('qemu+ssh://root@far/system'), false);
  });
});
