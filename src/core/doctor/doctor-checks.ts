// The dependency map of hv, made executable: every program, device, file, service and permission hv
// relies on, which commands need it, which Debian package provides it, and how to fix it.
// docs/dependencies.md is generated from this table.
import type { DoctorCheck } from './doctor-check.js';
import { probeAccess } from './checks/access-probe.js';
import { probeConfig } from './checks/config-probe.js';
import { freeSpaceProbe } from './checks/free-space-probe.js';
import { probeKvm } from './checks/kvm-probe.js';
import { probeLibvirt } from './checks/libvirt-probe.js';
import { probeOvmf } from './checks/ovmf-probe.js';
import { programProbe } from './checks/program-probe.js';
import { probeStateDir } from './checks/state-dir-probe.js';

const SBIN = ['/usr/sbin', '/sbin'];

/** Every check `hv doctor` runs, in the order it reports them. */
export const DOCTOR_CHECKS: readonly DoctorCheck[] = [
  {
    id: 'config',
    title: 'configuration file',
    kind: 'config',
    neededBy: ['every command'],
    severity: 'fail',
    fix: 'run hv config validate, and see docs/configuration.md',
    probe: probeConfig,
  },
  {
    id: 'libvirtd',
    title: 'libvirt daemon',
    kind: 'service',
    neededBy: ['hv ls', 'hv vm ...', 'hv snapshot ...', 'hv backup ...', 'hv net ...'],
    debianPackage: 'libvirt-daemon-system',
    severity: 'fail',
    fix: 'apt-get install libvirt-daemon-system, then start it: systemctl start libvirtd (without systemd: libvirtd -d)',
    probe: probeLibvirt,
  },
  {
    id: 'access',
    title: 'permission to manage VMs',
    kind: 'permission',
    neededBy: ['every command on qemu:///system'],
    severity: 'fail',
    fix: 'run hv as root, or add the user to the libvirt group',
    probe: probeAccess,
  },
  {
    id: 'kvm',
    title: 'KVM hardware virtualisation',
    kind: 'device',
    neededBy: ['hv vm start at full speed (vm.virt_type auto or kvm)'],
    debianPackage: 'qemu-system-x86',
    severity: 'warn',
    fix: 'enable VT-x/AMD-V in the firmware, then modprobe kvm_intel or kvm_amd',
    probe: probeKvm,
  },
  {
    id: 'qemu-system',
    title: 'QEMU emulator',
    kind: 'program',
    neededBy: ['hv vm start', 'hv vm create'],
    debianPackage: 'qemu-system-x86',
    severity: 'fail',
    fix: 'apt-get install qemu-system-x86',
    probe: programProbe('qemu-system-x86_64', { versionArgs: ['--version'] }),
  },
  {
    id: 'qemu-img',
    title: 'QEMU disk image tool',
    kind: 'program',
    neededBy: ['hv vm create', 'hv disk ...', 'hv image import', 'hv backup ...'],
    debianPackage: 'qemu-utils',
    severity: 'fail',
    fix: 'apt-get install qemu-utils',
    probe: programProbe('qemu-img', { versionArgs: ['--version'] }),
  },
  {
    id: 'ovmf',
    title: 'UEFI firmware (OVMF)',
    kind: 'file',
    neededBy: ['hv vm create with UEFI firmware or secure boot'],
    debianPackage: 'ovmf',
    severity: 'warn',
    fix: 'apt-get install ovmf',
    probe: probeOvmf,
  },
  {
    id: 'nft',
    title: 'nftables',
    kind: 'program',
    neededBy: ['hv firewall ...', 'port forwarding to VMs'],
    debianPackage: 'nftables',
    severity: 'warn',
    fix: 'apt-get install nftables',
    probe: programProbe('nft', { extraDirs: SBIN, versionArgs: ['--version'] }),
  },
  {
    id: 'dnsmasq',
    title: 'dnsmasq (DHCP and DNS for NAT networks)',
    kind: 'program',
    neededBy: ['libvirt NAT networks', 'hv net ...'],
    debianPackage: 'dnsmasq-base',
    severity: 'warn',
    fix: 'apt-get install dnsmasq-base',
    probe: programProbe('dnsmasq', { extraDirs: SBIN }),
  },
  {
    id: 'xorriso',
    title: 'xorriso (cloud-init seed images)',
    kind: 'program',
    neededBy: ['hv vm create from a cloud image (cloud-init seed)'],
    debianPackage: 'xorriso',
    severity: 'warn',
    fix: 'apt-get install xorriso',
    probe: programProbe('xorriso'),
  },
  {
    id: 'gpgv',
    title: 'gpgv (signature checks)',
    kind: 'program',
    neededBy: ['hv image download (signed checksums)'],
    debianPackage: 'gpgv',
    severity: 'warn',
    fix: 'apt-get install gpgv',
    probe: programProbe('gpgv'),
  },
  {
    id: 'state-dir',
    title: 'state directory writable',
    kind: 'permission',
    neededBy: ['locks, catalog and job records (state_dir)'],
    severity: 'fail',
    fix: 'run as root, or set state_dir to a directory you can write',
    probe: probeStateDir,
  },
  {
    id: 'state-space',
    title: 'free space for state and VM disks',
    kind: 'space',
    neededBy: ['hv vm create', 'hv snapshot ...'],
    severity: 'warn',
    fix: 'free space, or lower doctor.min_free_gib',
    probe: freeSpaceProbe((env) => env.config.state_dir),
  },
  {
    id: 'backup-space',
    title: 'free space for backups',
    kind: 'space',
    neededBy: ['hv backup create'],
    severity: 'warn',
    fix: 'free space, prune old backups, or move backup.dir',
    probe: freeSpaceProbe((env) => env.config.backup.dir),
  },
];

/** The ids of all checks, in report order. */
export function doctorCheckIds(): string[] {
  return DOCTOR_CHECKS.map((c) => c.id);
}
