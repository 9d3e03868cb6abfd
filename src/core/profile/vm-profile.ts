// The normalized VM profile: hv's one model of what a VM should be, whichever file it came from (an hv
// YAML/JSON profile or a Hyper-NixOS JSON profile). Units are in the names (MiB, bytes) and defaults
// that depend on other fields (firmware by arch, disk targets) are already resolved, so consumers
// (domain XML, create, apply) never guess.

/** Guest architectures hv knows (the Hyper-NixOS set). */
export const ARCHES = ['x86_64', 'aarch64', 'riscv64', 'loongarch64'] as const;
/** A guest architecture. */
export type Arch = (typeof ARCHES)[number];

/** `auto`: kvm where KVM really works, else qemu (TCG) with a warning. */
export const VIRT_TYPES = ['auto', 'kvm', 'qemu'] as const;
/** The domain type a profile asks for. */
export type VirtTypeChoice = (typeof VIRT_TYPES)[number];
/** A resolved domain type. */
export type VirtType = Exclude<VirtTypeChoice, 'auto'>;

export const FIRMWARES = ['bios', 'uefi'] as const;
export type Firmware = (typeof FIRMWARES)[number];

export const DISK_BUSES = ['virtio', 'sata', 'scsi', 'ide'] as const;
export type DiskBus = (typeof DISK_BUSES)[number];

export const DISK_CACHES = ['default', 'none', 'writeback', 'writethrough', 'directsync', 'unsafe'] as const;
/** @public */
export type DiskCache = (typeof DISK_CACHES)[number];

export const NIC_MODELS = ['virtio', 'e1000e', 'e1000', 'rtl8139'] as const;
/** @public */
export type NicModel = (typeof NIC_MODELS)[number];

export const GRAPHICS_TYPES = ['none', 'vnc', 'spice'] as const;
/** @public */
export type GraphicsType = (typeof GRAPHICS_TYPES)[number];

export const VIDEO_MODELS = ['virtio', 'qxl', 'vga', 'bochs', 'ramfb', 'cirrus', 'none'] as const;
/** @public */
export type VideoModel = (typeof VIDEO_MODELS)[number];

/** libvirt's sound models (the Hyper-NixOS wizard offered ich9, ac97, es1370, ich6). */
export const SOUND_MODELS = ['ich9', 'ich7', 'ich6', 'ac97', 'es1370', 'sb16', 'usb'] as const;
/** @public */
export type SoundModel = (typeof SOUND_MODELS)[number];

export const BOOT_DEVICES = ['hd', 'cdrom', 'network'] as const;
/** @public */
export type BootDevice = (typeof BOOT_DEVICES)[number];

/** `auto`: host-passthrough under kvm, maximum under qemu (TCG cannot pass the host CPU through). */
export const CPU_MODES = ['auto', 'host-passthrough', 'host-model', 'maximum'] as const;
/** @public */
export type CpuMode = (typeof CPU_MODES)[number];

export const NUMA_MODES = ['strict', 'preferred', 'interleave', 'restrictive'] as const;
/** @public */
export type NumaMode = (typeof NUMA_MODES)[number];

export const LAUNCH_SECURITY_TYPES = ['sev', 'sev-es'] as const;
export type LaunchSecurity = (typeof LAUNCH_SECURITY_TYPES)[number];

/** One disk of the VM. */
export interface DiskSpec {
  /** Size in bytes; absent only when `from` is set (the disk then keeps the image's size). */
  readonly sizeBytes?: number;
  readonly bus: DiskBus;
  /** Host page cache mode; absent: libvirt's default. */
  readonly cache?: DiskCache;
  /** Pass guest TRIM/discard down to the image (discard='unmap'). */
  readonly discard: boolean;
  /** Image to start from: a library image or volume name (no `/`), or a path. */
  readonly from?: string;
  /** With `from`: a qcow2 overlay backed by the image (true) or a full copy (false). */
  readonly linked: boolean;
  /** Device name in the guest (vda, sdb, hdc...), unique in the VM; assigned when the file gave none. */
  readonly target: string;
}

/** Where a NIC is plugged in. */
export type NicSource =
  /** A libvirt network; absent name: the host's default network (configuration `network.default`). */
  | { readonly type: 'network'; readonly network?: string }
  /** A host bridge. */
  | { readonly type: 'bridge'; readonly bridge: string }
  /** A network zone (hv's firewall zones; mapped to a bridge by the host facts). */
  | { readonly type: 'zone'; readonly zone: string }
  /** User-mode networking (no host set-up; outbound only). */
  | { readonly type: 'user' };

/** One network interface. */
export interface NicSpec {
  readonly source: NicSource;
  /** Lower-case colon form; absent: libvirt generates one (create records it). */
  readonly mac?: string;
  readonly model: NicModel;
  /** Ask for the vhost-net backend explicitly (virtio only). */
  readonly vhost: boolean;
}

/** cloud-init NoCloud data, as file paths on the host. */
export interface CloudInit {
  readonly userData?: string;
  readonly metaData?: string;
  readonly networkConfig?: string;
  /** A ready-made seed ISO (cidata); when set, hv builds none. */
  readonly seedIso?: string;
}

/** Direct kernel boot. */
export interface KernelBoot {
  readonly path: string;
  readonly initrd?: string;
  readonly cmdline?: string;
}

export interface Graphics {
  readonly type: GraphicsType;
  /** Address the VNC/SPICE server listens on (127.0.0.1 unless the profile says otherwise). */
  readonly listen: string;
}

export interface Video {
  readonly model: VideoModel;
  readonly heads: number;
}

export interface CpuSpec {
  readonly mode: CpuMode;
  /** CPU features the guest requires (`policy='require'`), e.g. shstk, ibt. */
  readonly features: readonly string[];
  /** Host CPUs: vCPU i is pinned to pinning[i mod length] (empty: no pinning). */
  readonly pinning: readonly number[];
}

export interface MemoryBacking {
  readonly hugepages: boolean;
  /** Back guest memory with memfd (`<source type='memfd'/>`). */
  readonly memfd: boolean;
  /** Private (not shared) memory mapping (`<access mode='private'/>`). */
  readonly private: boolean;
}

export interface Numa {
  /** Host NUMA nodes, e.g. `0` or `0-1,3`. */
  readonly nodeset: string;
  readonly mode: NumaMode;
}

/** Limits libvirt enforces through cgroups. */
export interface Limits {
  /** CPU time for the whole VM, in percent of one host CPU (200 = two CPUs). */
  readonly cpuQuotaPercent?: number;
  /** Memory hard limit of the QEMU process (guest RAM plus overhead), MiB. */
  readonly memoryMaxMiB?: number;
}

/** Looking Glass shared memory (ivshmem-plain). */
export interface LookingGlass {
  /** A power of two, MiB. */
  readonly sizeMiB: number;
}

/** A validated VM profile with every default applied. */
export interface VmProfile {
  readonly name: string;
  readonly description?: string;
  readonly owner?: string;
  readonly tags: readonly string[];
  readonly arch: Arch;
  readonly virtType: VirtTypeChoice;
  readonly cpus: number;
  readonly memoryMiB: number;
  readonly firmware: Firmware;
  /** UEFI secure boot (x86_64 only; implies SMM). */
  readonly secureBoot: boolean;
  /** An emulated TPM 2.0. */
  readonly tpm: boolean;
  /** Boot order; absent: cdrom then hd when an ISO is attached, else hd. */
  readonly boot?: readonly BootDevice[];
  readonly kernel?: KernelBoot;
  readonly disks: readonly DiskSpec[];
  /** Installation ISO (a library name, or a path). */
  readonly iso?: string;
  readonly cloudInit?: CloudInit;
  readonly nics: readonly NicSpec[];
  readonly graphics: Graphics;
  /** Absent: a virtio video device with one head when graphics is not none, else no video. */
  readonly video?: Video;
  readonly audio?: SoundModel;
  readonly cpu: CpuSpec;
  readonly memoryBacking: MemoryBacking;
  readonly numa?: Numa;
  readonly limits: Limits;
  /** The virtio memory balloon. */
  readonly memballoon: boolean;
  /** A virtio RNG fed from the host's /dev/urandom. */
  readonly rng: boolean;
  readonly lookingGlass?: LookingGlass;
  /** PCI devices passed through, canonical `dddd:bb:ss.f`. */
  readonly hostdevs: readonly string[];
  readonly launchSecurity?: LaunchSecurity;
  /** Start the VM when the host boots. */
  readonly autostart: boolean;
  /** Group for boot ordering (Hyper-NixOS autostart_group). */
  readonly autostartGroup?: string;
  /** 0-100, lower starts earlier. */
  readonly autostartPriority: number;
}
