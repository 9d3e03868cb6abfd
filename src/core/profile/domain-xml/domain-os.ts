// The <os> and <features> parts of domain XML: machine type per architecture, BIOS or UEFI (explicit
// firmware files with a per-VM NVRAM, or libvirt's firmware auto-selection with secure boot pinned on
// or off so the choice never depends on which descriptor sorts first), direct kernel boot, boot order.
import { DependencyError } from '../../errors/index.js';
import type { VmProfile } from '../vm-profile.js';
import type { HostFacts } from './host-facts.js';
import { el, type XmlElement } from './xml-builder.js';

/** The machine type: q35 on x86_64 (pc when an ide disk needs it), virt elsewhere. */
function machineOf(profile: VmProfile): string {
  if (profile.arch !== 'x86_64') return 'virt';
  return profile.disks.some((d) => d.bus === 'ide') ? 'pc' : 'q35';
}

function firmwareChildren(profile: VmProfile, host: HostFacts): XmlElement[] {
  if (profile.firmware !== 'uefi') return [];
  const nvram = (template: string | undefined): XmlElement | undefined =>
    host.nvramPath === undefined && template === undefined
      ? undefined
      : el('nvram', { template }, ...(host.nvramPath === undefined ? [] : [host.nvramPath]));
  const uefi = host.uefi;
  if (uefi === undefined) {
    const on = profile.secureBoot ? 'yes' : 'no';
    return [
      el(
        'firmware',
        {},
        el('feature', { enabled: on, name: 'enrolled-keys' }),
        el('feature', { enabled: on, name: 'secure-boot' }),
      ),
      ...[nvram(undefined)].filter((n) => n !== undefined),
    ];
  }
  if (
    profile.secureBoot &&
    (uefi.secureBootCode === undefined || uefi.secureBootVarsTemplate === undefined)
  ) {
    throw new DependencyError(
      'secure boot needs secure-boot UEFI firmware (OVMF_CODE*.secboot.fd), which this host lacks',
      {
        details: { package: 'ovmf' },
      },
    );
  }
  const code = profile.secureBoot ? uefi.secureBootCode : uefi.code;
  const vars = profile.secureBoot ? uefi.secureBootVarsTemplate : uefi.varsTemplate;
  return [
    el('loader', { readonly: 'yes', secure: profile.secureBoot ? 'yes' : undefined, type: 'pflash' }, code),
    ...[nvram(vars)].filter((n) => n !== undefined),
  ];
}

function bootChildren(profile: VmProfile): XmlElement[] {
  const k = profile.kernel;
  if (k !== undefined) {
    return [
      el('kernel', {}, k.path),
      k.initrd !== undefined && el('initrd', {}, k.initrd),
      k.cmdline !== undefined && el('cmdline', {}, k.cmdline),
    ].filter((e): e is XmlElement => e !== false);
  }
  const order = profile.boot ?? (profile.iso !== undefined ? ['cdrom', 'hd'] : ['hd']);
  return order.map((dev) => el('boot', { dev }));
}

/** `<os>`: machine, firmware, kernel or boot order. */
export function osElement(profile: VmProfile, host: HostFacts): XmlElement {
  const autoUefi = profile.firmware === 'uefi' && host.uefi === undefined;
  return el(
    'os',
    { firmware: autoUefi ? 'efi' : undefined },
    el('type', { arch: profile.arch, machine: machineOf(profile) }, 'hvm'),
    firmwareChildren(profile, host),
    bootChildren(profile),
  );
}

/** `<features>`: ACPI/APIC on x86_64 (SMM for secure boot), ACPI with UEFI elsewhere. */
export function featuresElement(profile: VmProfile): XmlElement | undefined {
  if (profile.arch === 'x86_64') {
    return el('features', {}, el('acpi'), el('apic'), profile.secureBoot && el('smm', { state: 'on' }));
  }
  return profile.firmware === 'uefi' && profile.arch !== 'riscv64'
    ? el('features', {}, el('acpi'))
    : undefined;
}
