import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HvError } from '../errors/index.js';
import { domainSnapshotFacts } from './domain-snapshot-facts.js';
import { planSnapshot, type SnapshotRequest } from './plan-snapshot.js';

interface DomOpts {
  os?: string;
  disks?: string;
  agent?: boolean;
}

const qcow2 = (dev: string, file: string, extra = ''): string =>
  `<disk type='file' device='disk'${extra}><driver name='qemu' type='qcow2'/><source file='${file}'/><target dev='${dev}' bus='virtio'/></disk>`;

function domain(o: DomOpts = {}): string {
  return `<domain type='qemu'><name>web-1</name><memory unit='MiB'>128</memory>
  ${o.os ?? "<os><type arch='x86_64' machine='pc'>hvm</type></os>"}
  <devices>${o.disks ?? qcow2('vda', '/var/lib/libvirt/images/web-1.qcow2')}
  ${o.agent === false ? '' : "<channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>"}
  </devices></domain>`;
}

const plan = (xml: string, req: Partial<SnapshotRequest> = {}): ReturnType<typeof planSnapshot> =>
  planSnapshot(domainSnapshotFacts(xml), { name: 's1', active: true, ...req });

describe('planSnapshot: internal where libvirt can', () => {
  it('qcow2 + BIOS, running: internal with memory, no flags', () => {
    const p = plan(domain());
    assert.equal(p.kind, 'internal');
    assert.equal(p.memory, 'internal');
    assert.deepEqual(p.flags, []);
    assert.equal(p.why, 'internal: every writable disk is qcow2 and the firmware is BIOS');
  });

  it('shut off: internal without memory; --no-memory changes nothing', () => {
    for (const req of [{ active: false }, { active: false, noMemory: true }]) {
      const p = plan(domain(), req);
      assert.equal(p.kind, 'internal');
      assert.equal(p.memory, 'no');
    }
  });

  it('read-only and empty CD-ROMs do not matter; a qcow2 block device is fine', () => {
    const disks =
      qcow2('vda', '/img/a.qcow2') +
      "<disk type='file' device='cdrom'><driver name='qemu' type='raw'/><source file='/iso/x.iso'/><target dev='sda' bus='sata'/><readonly/></disk>" +
      "<disk type='file' device='cdrom'><driver name='qemu' type='raw'/><target dev='sdb' bus='sata'/><readonly/></disk>" +
      "<disk type='block' device='disk'><driver name='qemu' type='qcow2'/><source dev='/dev/vg/data'/><target dev='vdb' bus='virtio'/></disk>";
    const p = plan(domain({ disks }));
    assert.equal(p.kind, 'internal');
    assert.deepEqual(
      p.disks.map((d) => [d.target, d.snapshot]),
      [
        ['vda', 'internal'],
        ['sda', 'no'],
        ['sdb', 'no'],
        ['vdb', 'internal'],
      ],
    );
  });
});

describe('planSnapshot: external otherwise', () => {
  const uefiVariants: [string, string][] = [
    ['firmware=efi', "<os firmware='efi'><type arch='x86_64' machine='q35'>hvm</type></os>"],
    [
      'pflash loader',
      "<os><type arch='x86_64' machine='q35'>hvm</type><loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE_4M.fd</loader><nvram>/var/lib/libvirt/qemu/nvram/web-1_VARS.fd</nvram></os>",
    ],
    [
      'OVMF path, no type',
      "<os><type arch='x86_64'>hvm</type><loader>/usr/share/OVMF/OVMF_CODE.fd</loader></os>",
    ],
  ];
  for (const [label, os] of uefiVariants) {
    it(`UEFI (${label}), running: external with a memory file next to the disk`, () => {
      const p = plan(domain({ os }));
      assert.equal(p.kind, 'external');
      assert.equal(p.memory, 'external');
      assert.equal(p.memoryFile, '/var/lib/libvirt/images/web-1.s1.mem');
      assert.deepEqual(p.disks, [
        { target: 'vda', snapshot: 'external', file: '/var/lib/libvirt/images/web-1-vda.s1.qcow2' },
      ]);
      assert.deepEqual(p.flags, ['ATOMIC']);
      assert.match(p.why, /^external: UEFI firmware keeps its NVRAM in pflash/);
    });
  }

  it('a ROM loader is BIOS', () => {
    const os =
      "<os><type arch='x86_64'>hvm</type><loader type='rom'>/usr/share/seabios/bios.bin</loader></os>";
    assert.equal(plan(domain({ os })).kind, 'internal');
  });

  it('a raw disk makes it external; stopped: disk-only', () => {
    const disks =
      "<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='/img/r.img'/><target dev='vda'/></disk>";
    const p = plan(domain({ disks }), { active: false });
    assert.equal(p.kind, 'external');
    assert.equal(p.memory, 'no');
    assert.deepEqual(p.flags, ['DISK_ONLY']);
    assert.equal(p.why, 'external: disk vda is raw');
    assert.equal(p.disks[0]?.file, '/img/web-1-vda.s1.qcow2');
  });

  it('running + --disk-only or --no-memory: external disk-only (internal disk-only is refused by libvirt)', () => {
    for (const req of [{ diskOnly: true }, { noMemory: true }]) {
      const p = plan(domain(), req);
      assert.equal(p.kind, 'external');
      assert.equal(p.memory, 'no');
      assert.deepEqual(p.flags, ['DISK_ONLY', 'ATOMIC']);
    }
    assert.equal(
      plan(domain(), { noMemory: true }).why,
      'external: a running VM cannot have an internal snapshot without memory',
    );
  });

  it('--quiesce: external disk-only with QUIESCE; refused when stopped or without an agent channel', () => {
    assert.deepEqual(plan(domain(), { quiesce: true }).flags, ['DISK_ONLY', 'ATOMIC', 'QUIESCE']);
    assert.throws(() => plan(domain(), { quiesce: true, active: false }), /--quiesce: needs a running VM/);
    assert.throws(() => plan(domain({ agent: false }), { quiesce: true }), /no guest agent channel/);
  });

  it('a writable disk left out (snapshot=no, shareable) forbids internal and is left out', () => {
    const disks = qcow2('vda', '/img/a.qcow2') + qcow2('vdb', '/img/b.qcow2', " snapshot='no'");
    const p = plan(domain({ disks }));
    assert.equal(p.kind, 'external');
    assert.deepEqual(
      p.disks.map((d) => d.snapshot),
      ['external', 'no'],
    );
    assert.match(p.why, /disk vdb is excluded from snapshots/);
    const shared =
      qcow2('vda', '/img/a.qcow2') + qcow2('vdb', '/img/b.qcow2').replace('</disk>', '<shareable/></disk>');
    assert.match(plan(domain({ disks: shared })).why, /disk vdb is shareable/);
  });

  it('refuses when an external overlay would be needed for a non-file disk, or there is no disk', () => {
    const net =
      "<disk type='network' device='disk'><driver name='qemu' type='raw'/><source protocol='rbd' name='pool/img'/><target dev='vda'/></disk>";
    assert.throws(
      () => plan(domain({ disks: net })),
      (e: unknown) =>
        e instanceof HvError && e.code === 'NOT_SUPPORTED' && /disk vda is a network disk/.test(e.message),
    );
    assert.throws(
      () => plan(domain({ disks: '' })),
      (e: unknown) =>
        e instanceof HvError && e.code === 'NOT_SUPPORTED' && /no writable disk/.test(e.message),
    );
  });
});
