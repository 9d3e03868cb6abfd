// CPU and memory parts of domain XML: the CPU model and required features, one socket with N cores
// (client Windows uses at most one or two sockets), vCPU pinning that wraps over the pin list, the
// whole-VM CPU quota, the memory hard limit, memory backing, NUMA placement and AMD SEV.
import { ValidationError } from '../../errors/index.js';
import type { VirtType, VmProfile } from '../vm-profile.js';
import { el, type XmlElement } from './xml-builder.js';

/** cgroup CPU period used with the quota, microseconds. */
const CPU_PERIOD_US = 100_000;

/** `<cpu>`: auto is host-passthrough under kvm and maximum under qemu (TCG cannot pass the host CPU). */
export function cpuElement(profile: VmProfile, virtType: VirtType): XmlElement {
  const mode =
    profile.cpu.mode === 'auto' ? (virtType === 'kvm' ? 'host-passthrough' : 'maximum') : profile.cpu.mode;
  if (virtType === 'qemu' && (mode === 'host-passthrough' || mode === 'host-model')) {
    throw new ValidationError(
      'cpu.mode',
      `${mode} needs kvm; this VM runs under qemu (TCG): use auto or maximum`,
      {
        code: 'PROFILE_INVALID',
      },
    );
  }
  return el(
    'cpu',
    { mode },
    el('topology', {
      sockets: 1,
      dies: profile.arch === 'x86_64' ? 1 : undefined,
      cores: profile.cpus,
      threads: 1,
    }),
    profile.cpu.features.map((name) => el('feature', { policy: 'require', name })),
  );
}

/** `<cputune>`: pins (vCPU i -> pinning[i mod n]) and the whole-VM quota; undefined when neither. */
export function cputuneElement(profile: VmProfile): XmlElement | undefined {
  const pins = profile.cpu.pinning;
  const quota = profile.limits.cpuQuotaPercent;
  if (pins.length === 0 && quota === undefined) return undefined;
  return el(
    'cputune',
    {},
    pins.length === 0
      ? []
      : Array.from({ length: profile.cpus }, (_, i) =>
          el('vcpupin', { vcpu: i, cpuset: pins[i % pins.length] }),
        ),
    // global_* limit the VM as a whole; plain period/quota would apply per vCPU and multiply the limit.
    quota !== undefined && [
      el('global_period', {}, CPU_PERIOD_US),
      el('global_quota', {}, Math.max(1000, Math.round((quota * CPU_PERIOD_US) / 100))),
    ],
  );
}

/** `<memtune>` with the hard limit, when set. */
export function memtuneElement(profile: VmProfile): XmlElement | undefined {
  const max = profile.limits.memoryMaxMiB;
  return max === undefined ? undefined : el('memtune', {}, el('hard_limit', { unit: 'MiB' }, max));
}

/** `<memoryBacking>`: huge pages, memfd, private access; SEV needs the memory locked. */
export function memoryBackingElement(profile: VmProfile): XmlElement | undefined {
  const m = profile.memoryBacking;
  const locked = profile.launchSecurity !== undefined && profile.limits.memoryMaxMiB === undefined;
  if (!m.hugepages && !m.memfd && !m.private && !locked) return undefined;
  return el(
    'memoryBacking',
    {},
    m.hugepages && el('hugepages'),
    m.memfd && el('source', { type: 'memfd' }),
    m.private && el('access', { mode: 'private' }),
    locked && el('locked'),
  );
}

/** `<numatune>` when the profile places memory. */
export function numatuneElement(profile: VmProfile): XmlElement | undefined {
  const n = profile.numa;
  return n === undefined ? undefined : el('numatune', {}, el('memory', { mode: n.mode, nodeset: n.nodeset }));
}

/** `<launchSecurity type='sev'>`: policy NODBG|NOKS, plus ES for sev-es. */
export function launchSecurityElement(profile: VmProfile): XmlElement | undefined {
  const ls = profile.launchSecurity;
  if (ls === undefined) return undefined;
  return el('launchSecurity', { type: 'sev' }, el('policy', {}, ls === 'sev-es' ? '0x0007' : '0x0003'));
}
