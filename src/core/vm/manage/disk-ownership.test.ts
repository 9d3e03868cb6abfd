import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { classifyDisk, type OwnershipContext } from './disk-ownership.js';
import { domainDisks, nvramPath, snapshotFiles } from './domain-disks.js';

const XML = `<domain type='kvm'><name>web-1</name>
<os><type>hvm</type><loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE.fd</loader>
<nvram template='/usr/share/OVMF/OVMF_VARS.fd'>/pool/web-1-nvram.fd</nvram></os>
<devices>
<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/pool/web-1-disk0.qcow2'/><target dev='vda' bus='virtio'/></disk>
<disk type='file' device='disk'><source file='/pool/shared.qcow2'/><target dev='vdb' bus='virtio'/><shareable/></disk>
<disk type='file' device='disk'><source file='/pool/ro.qcow2'/><target dev='vdc' bus='virtio'/><readonly/></disk>
<disk type='file' device='disk'><source file='/pool/other.qcow2'/><target dev='vdd' bus='virtio'/></disk>
<disk type='file' device='disk'><source file='/images/base.qcow2'/><target dev='vde' bus='virtio'/></disk>
<disk type='block' device='disk'><source dev='/dev/sdb'/><target dev='vdf' bus='virtio'/></disk>
<disk type='file' device='cdrom'><source file='/pool/web-1-cidata.iso'/><target dev='sda' bus='sata'/><readonly/></disk>
<disk type='file' device='cdrom'><source file='/images/debian.iso'/><target dev='sdb' bus='sata'/><readonly/></disk>
<disk type='volume' device='disk'><source pool='hv' volume='web-1-disk1.qcow2'/><target dev='vdg' bus='virtio'/></disk>
</devices></domain>`;

const ctx: OwnershipContext = {
  poolPath: '/pool/',
  imagesDir: '/images',
  backupDir: '/backups',
  usedElsewhere: new Map([['/pool/other.qcow2', 'VM web-2']]),
};

describe('domain disks and what delete may remove', () => {
  it('reads every disk, its flags and the NVRAM path', () => {
    const disks = domainDisks(XML);
    assert.equal(disks.length, 9);
    assert.deepEqual(disks[6], {
      target: 'sda',
      device: 'cdrom',
      type: 'file',
      path: '/pool/web-1-cidata.iso',
      readonly: true,
      shareable: false,
    });
    assert.equal(disks[8]?.volume, 'web-1-disk1.qcow2');
    assert.equal(nvramPath(XML), '/pool/web-1-nvram.fd');
  });

  it('owns only the writable, unshared disks and hv seed; keeps the rest with a reason', () => {
    const verdicts = domainDisks(XML).map((d) => classifyDisk(d, d.path, ctx));
    const own = verdicts.filter((v) => v.own).map((v) => v.path);
    assert.deepEqual(own, ['/pool/web-1-disk0.qcow2', '/pool/web-1-cidata.iso']);
    const reasons = Object.fromEntries(verdicts.flatMap((v) => (v.own ? [] : [[v.path, v.reason]])));
    assert.deepEqual(reasons, {
      '/pool/shared.qcow2': 'shareable',
      '/pool/ro.qcow2': 'read-only',
      '/pool/other.qcow2': 'used by VM web-2',
      '/images/base.qcow2': 'in the image library',
      '/dev/sdb': 'block device',
      '/images/debian.iso': 'cdrom media (shared)',
      'hv/web-1-disk1.qcow2': 'no file source',
    });
  });

  it('keeps anything in the backup target', () => {
    const [d] = domainDisks(XML);
    assert.ok(d);
    const v = classifyDisk(d, '/backups/web-1/disk.qcow2', ctx);
    assert.equal(v.own, false);
  });

  it('lists the files of an external snapshot, not the disks of its embedded domain', () => {
    const snap = `<domainsnapshot><name>s1</name><memory snapshot='external' file='/pool/web-1.s1.mem'/>
<disks><disk name='vda' snapshot='external' type='file'><source file='/pool/web-1-vda.s1.qcow2'/></disk>
<disk name='sda' snapshot='no'/></disks>
<domain><devices><disk type='file' device='disk'><source file='/pool/web-1-disk0.qcow2'/></disk></devices></domain>
</domainsnapshot>`;
    assert.deepEqual(snapshotFiles(snap), ['/pool/web-1.s1.mem', '/pool/web-1-vda.s1.qcow2']);
  });
});
