// The other devices of domain XML: the serial console every hv VM has (pty, plus <console>), the QEMU
// guest-agent channel, display (graphics, video, input, sound), TPM, PCI passthrough, Looking Glass
// shared memory, the RNG and the balloon (model none when disabled: leaving it out would get one).
import { parsePciAddress } from '../../validate/parse-pci-address.js';
import type { VmProfile } from '../vm-profile.js';
import { el, type XmlElement } from './xml-builder.js';

const hex = (n: number, width: number): string => `0x${n.toString(16).padStart(width, '0')}`;

/** Serial console and guest-agent channel: always present. */
export function consoleElements(): XmlElement[] {
  return [
    el('serial', { type: 'pty' }, el('target', { port: 0 })),
    el('console', { type: 'pty' }, el('target', { type: 'serial', port: 0 })),
    el('channel', { type: 'unix' }, el('target', { type: 'virtio', name: 'org.qemu.guest_agent.0' })),
  ];
}

/** Graphics (listening where the profile says, 127.0.0.1 by default), video, input and sound. */
export function displayElements(profile: VmProfile): XmlElement[] {
  const g = profile.graphics;
  const out: XmlElement[] = [];
  if (g.type !== 'none') {
    out.push(
      el(
        'graphics',
        { type: g.type, port: -1, autoport: 'yes', listen: g.listen },
        el('listen', { type: 'address', address: g.listen }),
      ),
    );
  }
  const video = profile.video ?? (g.type === 'none' ? undefined : { model: 'virtio' as const, heads: 1 });
  if (video !== undefined) {
    out.push(
      el(
        'video',
        {},
        el('model', { type: video.model, heads: video.model === 'none' ? undefined : video.heads }),
      ),
    );
  }
  if (g.type !== 'none') {
    out.push(el('input', { type: 'tablet', bus: 'usb' }));
    if (profile.arch !== 'x86_64') out.push(el('input', { type: 'keyboard', bus: 'usb' }));
  }
  if (profile.audio !== undefined) out.push(el('sound', { model: profile.audio }));
  return out;
}

/** TPM, PCI passthrough, Looking Glass, RNG and balloon. */
export function extraDeviceElements(profile: VmProfile): XmlElement[] {
  const iommu = profile.launchSecurity === undefined ? undefined : 'on';
  const out: XmlElement[] = [];
  if (profile.tpm) {
    out.push(
      el(
        'tpm',
        { model: profile.arch === 'x86_64' ? 'tpm-tis' : undefined },
        el('backend', { type: 'emulator', version: '2.0' }),
      ),
    );
  }
  for (const text of profile.hostdevs) {
    const a = parsePciAddress('hostdevs', text);
    out.push(
      el(
        'hostdev',
        { mode: 'subsystem', type: 'pci', managed: 'yes' },
        el(
          'source',
          {},
          el('address', {
            domain: hex(a.domain, 4),
            bus: hex(a.bus, 2),
            slot: hex(a.slot, 2),
            function: hex(a.function, 1),
          }),
        ),
      ),
    );
  }
  if (profile.lookingGlass !== undefined) {
    out.push(
      el(
        'shmem',
        { name: 'looking-glass' },
        el('model', { type: 'ivshmem-plain' }),
        el('size', { unit: 'M' }, profile.lookingGlass.sizeMiB),
      ),
    );
  }
  if (profile.rng) {
    out.push(
      el(
        'rng',
        { model: 'virtio' },
        el('backend', { model: 'random' }, '/dev/urandom'),
        iommu !== undefined && el('driver', { iommu }),
      ),
    );
  }
  out.push(
    el(
      'memballoon',
      { model: profile.memballoon ? 'virtio' : 'none' },
      profile.memballoon && iommu !== undefined && el('driver', { iommu }),
    ),
  );
  return out;
}
