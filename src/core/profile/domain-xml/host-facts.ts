// What the domain XML needs to know about the host, gathered by the caller so that turning a profile
// into XML stays a pure function: whether KVM works, where each disk and ISO lives, UEFI firmware
// files, zone bridges. Also the one rule for choosing kvm or qemu (TCG).
import type { Arch, VirtType, VirtTypeChoice } from '../vm-profile.js';

/** Where a disk's data lives on the host and in which format. @public */
export interface DiskLocation {
  readonly path: string;
  readonly format: 'qcow2' | 'raw';
}

/** UEFI firmware files for the profile's architecture. */
export interface UefiFirmware {
  /** Read-only code image (e.g. /usr/share/OVMF/OVMF_CODE_4M.fd). */
  readonly code: string;
  /** Template the per-VM NVRAM is copied from. */
  readonly varsTemplate: string;
  /** Secure-boot capable code and its template with keys enrolled (x86_64). */
  readonly secureBootCode?: string;
  readonly secureBootVarsTemplate?: string;
}

/** A network zone on this host. */
export interface ZoneFacts {
  readonly bridge: string;
  /** May VMs in this zone get PCI devices passed through? */
  readonly allowHostdev: boolean;
}

/** Everything about the host that profileToDomainXml reads. */
export interface HostFacts {
  /** The domain type used when the profile says virt_type: auto (see resolveVirtType). */
  readonly virtType: VirtType;
  /** The host's architecture; a guest of another architecture always runs under qemu (TCG). */
  readonly arch: Arch;
  /** Emulator binary; absent: libvirt chooses from its capabilities. */
  readonly emulator?: string;
  /** Explicit UEFI files; absent: libvirt selects firmware itself (`<os firmware='efi'>`). */
  readonly uefi?: UefiFirmware;
  /** Per-VM NVRAM file (UEFI); absent: libvirt's default place. */
  readonly nvramPath?: string;
  /** One per profile disk, same order. */
  readonly disks: readonly DiskLocation[];
  /** Resolved path of the profile's ISO (required when the profile has one). */
  readonly isoPath?: string;
  /** Path of the cloud-init seed ISO (required when the profile has cloud_init). */
  readonly seedIsoPath?: string;
  /** The host's default libvirt network (configuration network.default); default `default`. */
  readonly defaultNetwork?: string;
  /** Zones of this host; a zone not listed maps to bridge `br-<zone>` with no passthrough rule. */
  readonly zones?: Readonly<Record<string, ZoneFacts>>;
  /** Keep this UUID (apply, re-define); absent: libvirt generates one. */
  readonly uuid?: string;
}

/**
 * The domain type for a profile on a host where KVM is `kvmUsable`: an explicit kvm or qemu wins
 * (kvm without KVM gives a warning: it will not start); auto picks kvm when usable, else qemu with a
 * warning that guests will be slow.
 */
export function resolveVirtType(
  choice: VirtTypeChoice,
  kvmUsable: boolean,
): { virtType: VirtType; warning?: string } {
  if (choice === 'qemu') return { virtType: 'qemu' };
  if (choice === 'kvm') {
    return kvmUsable
      ? { virtType: 'kvm' }
      : {
          virtType: 'kvm',
          warning: 'virt_type is kvm but KVM is not usable on this host: the VM will not start',
        };
  }
  return kvmUsable
    ? { virtType: 'kvm' }
    : { virtType: 'qemu', warning: 'KVM is not usable on this host: the VM runs under TCG emulation (slow)' };
}

/** The domain type actually written: the profile's choice, auto -> host, foreign arch -> qemu. */
export function effectiveVirtType(choice: VirtTypeChoice, guestArch: Arch, host: HostFacts): VirtType {
  if (choice !== 'auto') return choice;
  return guestArch === host.arch ? host.virtType : 'qemu';
}

const NODE_ARCHES: Readonly<Record<string, Arch>> = {
  x64: 'x86_64',
  arm64: 'aarch64',
  riscv64: 'riscv64',
  loong64: 'loongarch64',
};

/** The guest-arch name of a Node.js `process.arch` (`x64` -> `x86_64`), or undefined for others. */
export function archFromNode(nodeArch: string): Arch | undefined {
  return NODE_ARCHES[nodeArch];
}
