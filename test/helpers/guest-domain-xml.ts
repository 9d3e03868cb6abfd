// Domain XML for the tiny test guest, as a pure function, so every integration test boots the
// same well-formed machine: TCG or KVM, direct kernel boot or the bootable disk, optional data
// disk, NIC and guest-agent channel, a serial log, and a pvpanic device so on_crash takes effect.
import { existsSync, readFileSync } from 'node:fs';

/** How to boot and equip one test-guest domain. */
export interface TestGuestDomainOptions {
  /** Domain name; use `uniqueDomainName()` so tests never collide. */
  name: string;
  /** 'qemu' (TCG) unless KVM really works; default: `detectVirtType()`. */
  virtType?: 'qemu' | 'kvm';
  /** Default 128. */
  memoryMiB?: number;
  /**
   * Guest switches such as `probe.dd=4 probe.ddev=vdb probe.net=1 probe.acpi=ignore probe.panic=5`.
   * Kernel boot: appended to the kernel command line. Disk boot: passed through the fw_cfg entry
   * `opt/org.hv/args`, which the guest reads as well.
   */
  kernelArgs?: string;
  /** Default 'kernel' (direct kernel boot of vmlinux + initrd). 'disk' boots `diskPath`. */
  bootFrom?: 'kernel' | 'disk';
  /** Kernel files; required for bootFrom 'kernel'. */
  kernel?: string;
  initrd?: string;
  /** First disk (vda, qcow2). Required for bootFrom 'disk': an overlay of the guest disk image. */
  diskPath?: string;
  /** Next disk (vdb when diskPath is set, else vda), qcow2. */
  dataDiskPath?: string;
  /** libvirt network name, 'user' for slirp, null/absent for no NIC. */
  network?: string | null;
  /** File that receives everything the guest writes on ttyS0 (truncated at each start). */
  serialLog: string;
  /** Add the org.qemu.guest_agent.0 channel (the guest starts qemu-ga). Default true. */
  agent?: boolean;
  /** Default 'destroy'. */
  onCrash?: 'destroy' | 'restart' | 'preserve';
}

/** Default kernel command line of the test guest (no `panic=`: the domain's on_crash decides). */
export const TEST_GUEST_CMDLINE = 'console=ttyS0 quiet';

/**
 * 'kvm' only when the CPU advertises vmx/svm AND /dev/kvm exists; otherwise 'qemu' (TCG). On the
 * project's CI machines /dev/kvm exists without vmx/svm and cannot boot Linux, so this says 'qemu'.
 */
export function detectVirtType(): 'qemu' | 'kvm' {
  try {
    const flags = readFileSync('/proc/cpuinfo', 'utf8');
    return /^flags\s*:.*\b(vmx|svm)\b/m.test(flags) && existsSync('/dev/kvm') ? 'kvm' : 'qemu';
  } catch {
    return 'qemu';
  }
}

/** Escapes text for XML element content and single- or double-quoted attributes. */
function esc(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function diskXml(path: string, target: string, bootOrder?: number): string {
  return [
    `    <disk type='file' device='disk'>`,
    `      <driver name='qemu' type='qcow2'/>`,
    `      <source file='${esc(path)}'/>`,
    `      <target dev='${target}' bus='virtio'/>`,
    ...(bootOrder === undefined ? [] : [`      <boot order='${bootOrder}'/>`]),
    `    </disk>`,
  ].join('\n');
}

function osXml(o: TestGuestDomainOptions, args: string): string[] {
  const type = `    <type arch='x86_64' machine='pc'>hvm</type>`;
  if (o.bootFrom === 'disk') return ['  <os>', type, '  </os>'];
  if (!o.kernel || !o.initrd) throw new Error('testGuestDomainXml: kernel boot needs kernel and initrd');
  const cmdline = args ? `${TEST_GUEST_CMDLINE} ${args}` : TEST_GUEST_CMDLINE;
  return [
    '  <os>',
    type,
    `    <kernel>${esc(o.kernel)}</kernel>`,
    `    <initrd>${esc(o.initrd)}</initrd>`,
    `    <cmdline>${esc(cmdline)}</cmdline>`,
    '  </os>',
  ];
}

function interfaceXml(network: string): string {
  const model = `<model type='virtio'/>`;
  return network === 'user'
    ? `    <interface type='user'>${model}</interface>`
    : `    <interface type='network'><source network='${esc(network)}'/>${model}</interface>`;
}

/** Builds the domain XML; it passes `virt-xml-validate` (checked by the integration test). */
export function testGuestDomainXml(o: TestGuestDomainOptions): string {
  const args = (o.kernelArgs ?? '').trim();
  if (o.bootFrom === 'disk' && !o.diskPath) throw new Error('testGuestDomainXml: disk boot needs diskPath');
  const targets = ['vda', 'vdb'];
  const disks = [o.diskPath, o.dataDiskPath].filter((p): p is string => p !== undefined);
  const fwcfg = o.bootFrom === 'disk' && args;
  return [
    `<domain type='${o.virtType ?? detectVirtType()}'>`,
    `  <name>${esc(o.name)}</name>`,
    `  <memory unit='MiB'>${o.memoryMiB ?? 128}</memory>`,
    `  <vcpu>1</vcpu>`,
    ...(fwcfg
      ? [`  <sysinfo type='fwcfg'>`, `    <entry name='opt/org.hv/args'>${esc(args)}</entry>`, `  </sysinfo>`]
      : []),
    ...osXml(o, args),
    `  <features><acpi/></features>`,
    `  <on_poweroff>destroy</on_poweroff>`,
    `  <on_reboot>restart</on_reboot>`,
    `  <on_crash>${o.onCrash ?? 'destroy'}</on_crash>`,
    `  <devices>`,
    ...disks.map((p, i) => diskXml(p, targets[i]!, o.bootFrom === 'disk' && i === 0 ? 1 : undefined)),
    ...(o.network ? [interfaceXml(o.network)] : []),
    `    <controller type='usb' model='none'/>`,
    `    <serial type='pty'>`,
    `      <log file='${esc(o.serialLog)}' append='off'/>`,
    `      <target port='0'/>`,
    `    </serial>`,
    `    <console type='pty'><target type='serial' port='0'/></console>`,
    ...(o.agent === false
      ? []
      : [`    <channel type='unix'><target type='virtio' name='org.qemu.guest_agent.0'/></channel>`]),
    `    <memballoon model='none'/>`,
    `    <panic model='isa'/>`,
    `  </devices>`,
    `</domain>`,
    '',
  ].join('\n');
}
