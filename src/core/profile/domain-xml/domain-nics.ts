// Network interfaces of domain XML: libvirt network, host bridge, zone (its bridge from the host
// facts, else br-<zone>) or user-mode, with MAC, model and vhost. Also the zone's PCI passthrough
// rule, which Hyper-NixOS applied by silently skipping devices and hv applies by refusing.
import { ValidationError } from '../../errors/index.js';
import type { NicSpec, VmProfile } from '../vm-profile.js';
import type { HostFacts } from './host-facts.js';
import { el, type XmlElement } from './xml-builder.js';

function nicElement(nic: NicSpec, host: HostFacts, iommu: string | undefined): XmlElement {
  const s = nic.source;
  const [type, source] =
    s.type === 'network'
      ? ['network', el('source', { network: s.network ?? host.defaultNetwork ?? 'default' })]
      : s.type === 'bridge'
        ? ['bridge', el('source', { bridge: s.bridge })]
        : s.type === 'zone'
          ? ['bridge', el('source', { bridge: host.zones?.[s.zone]?.bridge ?? `br-${s.zone}` })]
          : ['user', undefined];
  const virtio = nic.model === 'virtio';
  const driver = virtio && (nic.vhost || iommu !== undefined);
  return el(
    'interface',
    { type },
    nic.mac !== undefined && el('mac', { address: nic.mac }),
    source,
    el('model', { type: nic.model }),
    driver && el('driver', { name: nic.vhost ? 'vhost' : undefined, iommu }),
  );
}

/** The `<interface>` elements. */
export function nicElements(profile: VmProfile, host: HostFacts): XmlElement[] {
  const iommu = profile.launchSecurity === undefined ? undefined : 'on';
  return profile.nics.map((n) => nicElement(n, host, iommu));
}

/**
 * Refuse PCI passthrough when a NIC sits in a zone whose host facts forbid it.
 * @throws ValidationError (PROFILE_INVALID) at `hostdevs`.
 */
export function checkZoneHostdevs(profile: VmProfile, host: HostFacts): void {
  if (profile.hostdevs.length === 0) return;
  for (const nic of profile.nics) {
    if (nic.source.type !== 'zone') continue;
    const zone = host.zones?.[nic.source.zone];
    if (zone !== undefined && !zone.allowHostdev) {
      throw new ValidationError('hostdevs', `zone ${nic.source.zone} does not allow PCI passthrough`, {
        code: 'PROFILE_INVALID',
      });
    }
  }
}
