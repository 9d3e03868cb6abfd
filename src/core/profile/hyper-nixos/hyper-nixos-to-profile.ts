// Maps a Hyper-NixOS profile onto hv's VmProfile the way their converter (json_to_libvirt_xml_and_define.sh
// @b05ef19) meant to, without its defects: every field is read as itself (no shifted TSV columns), an
// empty bridge with no zone is a user-mode NIC, cpu_pinning wraps over the vCPUs, and limits become
// cgroup settings libvirt enforces. Whatever hv cannot honour is reported as a warning, never dropped
// silently.
import type { RawIssue } from '../check-profile.js';
import { DEFAULT_LISTEN } from '../display-schema.js';
import type { Arch, DiskSpec, Firmware, LaunchSecurity, NicSpec, VmProfile } from '../vm-profile.js';
import type { HyperNixosProfile } from './hyper-nixos-schema.js';
import { hyperNixosCpuFeatures } from './hyper-nixos-cpu-features.js';

/** Their converter's firmware per arch: OVMF/AAVMF pflash on x86_64 and aarch64, none elsewhere. */
function firmwareOf(arch: Arch): Firmware {
  return arch === 'x86_64' || arch === 'aarch64' ? 'uefi' : 'bios';
}

function diskOf(p: HyperNixosProfile, warn: (path: string[], message: string) => void): DiskSpec {
  if (p.disk_image_path !== undefined) {
    if (p.disk_gb != null) {
      warn(['disk_gb'], 'ignored with disk_image_path: the overlay keeps the image size, as in Hyper-NixOS');
    }
    return { bus: 'virtio', discard: true, from: p.disk_image_path, linked: true, target: 'vda' };
  }
  return {
    bus: 'virtio',
    discard: true,
    linked: true,
    target: 'vda',
    sizeBytes: (p.disk_gb ?? 20) * 2 ** 30,
  };
}

function nicOf(p: HyperNixosProfile, warn: (path: string[], message: string) => void): NicSpec {
  const net = p.network ?? {};
  const vhost = net.vhost === true;
  if (net.bridge !== undefined) {
    if (net.zone !== undefined) {
      warn(['network', 'zone'], 'not used for the NIC because network.bridge is set (as in Hyper-NixOS)');
    }
    return { source: { type: 'bridge', bridge: net.bridge }, model: 'virtio', vhost };
  }
  if (net.zone !== undefined) return { source: { type: 'zone', zone: net.zone }, model: 'virtio', vhost };
  if (vhost) warn(['network', 'vhost'], 'ignored: a user-mode NIC has no vhost backend');
  return { source: { type: 'user' }, model: 'virtio', vhost: false };
}

function cloudInitOf(
  p: HyperNixosProfile,
  warn: (path: string[], message: string) => void,
): VmProfile['cloudInit'] {
  const c = p.cloud_init;
  if (c == null) return undefined;
  if (c.seed_iso_path !== undefined) {
    for (const key of ['user_data_path', 'meta_data_path', 'network_config_path'] as const) {
      if (c[key] !== undefined)
        warn(['cloud_init', key], 'ignored: seed_iso_path is set and already holds the data');
    }
    return { seedIso: c.seed_iso_path };
  }
  const out = {
    ...(c.user_data_path === undefined ? {} : { userData: c.user_data_path }),
    ...(c.meta_data_path === undefined ? {} : { metaData: c.meta_data_path }),
    ...(c.network_config_path === undefined ? {} : { networkConfig: c.network_config_path }),
  };
  if (
    c.network_config_path !== undefined &&
    c.user_data_path === undefined &&
    c.meta_data_path === undefined
  ) {
    // Their converter built a seed only when user-data or meta-data was given.
    warn(
      ['cloud_init', 'network_config_path'],
      'ignored without user_data_path or meta_data_path (as in Hyper-NixOS)',
    );
    return undefined;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

function pinningOf(p: HyperNixosProfile, warn: (path: string[], message: string) => void): number[] {
  const pins = p.cpu_pinning ?? [];
  if (pins.length > p.cpus) {
    warn(['cpu_pinning'], `only the first ${p.cpus} entries are used (one per vCPU)`);
    return pins.slice(0, p.cpus);
  }
  return pins;
}

/** The VmProfile a valid Hyper-NixOS profile stands for, and what could not be carried over. */
export function hyperNixosToProfile(p: HyperNixosProfile): { profile: VmProfile; warnings: RawIssue[] } {
  const warnings: RawIssue[] = [];
  const warn = (path: string[], rule: string): void => {
    warnings.push({ path, rule });
  };
  const arch = p.arch ?? 'x86_64';
  const features = hyperNixosCpuFeatures(p.cpu_features ?? {}, arch, warn);
  const launchSecurity: LaunchSecurity | undefined = features.launchSecurity;
  const cloudInit = cloudInitOf(p, warn);
  const limits = p.limits ?? {};
  const lg = p.looking_glass;
  const profile: VmProfile = {
    name: p.name,
    ...(p.owner === undefined ? {} : { owner: p.owner }),
    // "os" was read by no script; kept as a tag so the information is not lost.
    tags: p.os !== undefined && /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(p.os) ? [p.os] : [],
    arch,
    virtType: 'auto',
    cpus: p.cpus,
    memoryMiB: p.memory_mb,
    firmware: firmwareOf(arch),
    secureBoot: false,
    tpm: p.tpm?.enable === true,
    disks: [diskOf(p, warn)],
    ...(p.iso_path === undefined ? {} : { iso: p.iso_path }),
    ...(cloudInit === undefined ? {} : { cloudInit }),
    nics: [nicOf(p, warn)],
    graphics: { type: 'spice', listen: DEFAULT_LISTEN },
    video: { model: 'virtio', heads: p.video?.heads ?? 1 },
    ...(p.audio?.model === undefined ? {} : { audio: p.audio.model }),
    cpu: { mode: 'auto', features: features.cpuFeatures, pinning: pinningOf(p, warn) },
    memoryBacking: {
      hugepages: p.hugepages === true,
      memfd: p.memory_options?.guest_memfd === true,
      private: p.memory_options?.private === true,
    },
    ...(p.numa?.nodeset === undefined ? {} : { numa: { nodeset: p.numa.nodeset, mode: 'strict' } }),
    limits: {
      ...(limits.cpu_quota_percent == null ? {} : { cpuQuotaPercent: limits.cpu_quota_percent }),
      ...(limits.memory_max_mb == null ? {} : { memoryMaxMiB: limits.memory_max_mb }),
    },
    memballoon: p.memballoon?.disable !== true,
    rng: true,
    ...(lg?.enable === true ? { lookingGlass: { sizeMiB: lg.size_mb ?? 64 } } : {}),
    hostdevs: p.hostdevs ?? [],
    ...(launchSecurity === undefined ? {} : { launchSecurity }),
    autostart: p.autostart === true,
    ...(p.autostart_group === undefined ? {} : { autostartGroup: p.autostart_group }),
    autostartPriority: p.autostart_priority ?? 50,
  };
  if (p.os !== undefined && profile.tags.length === 0)
    warn(['os'], 'not a valid tag name; dropped (no script used it)');
  return { profile, warnings };
}
