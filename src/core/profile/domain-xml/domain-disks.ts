// Disk devices of domain XML: the profile's disks at the paths the caller resolved, then the ISO and
// the cloud-init seed as read-only CD-ROMs on the next free names (sata on x86_64, scsi elsewhere,
// where the virt machine has no SATA), and a virtio-scsi controller when anything uses scsi.
import { HvError } from '../../errors/index.js';
import { nextTarget } from '../disk-schema.js';
import type { DiskBus, VmProfile } from '../vm-profile.js';
import type { HostFacts } from './host-facts.js';
import { el, type XmlElement } from './xml-builder.js';

function cdrom(path: string, target: string, bus: DiskBus): XmlElement {
  return el(
    'disk',
    { type: 'file', device: 'cdrom' },
    el('driver', { name: 'qemu', type: 'raw' }),
    el('source', { file: path }),
    el('target', { dev: target, bus }),
    el('readonly'),
  );
}

function required(value: string | undefined, what: string): string {
  if (value === undefined) throw new HvError('INTERNAL', `domain XML: host facts lack ${what}`);
  return value;
}

/** The `<disk>` elements (and a scsi controller when needed), in device order. */
export function diskElements(profile: VmProfile, host: HostFacts): XmlElement[] {
  if (host.disks.length !== profile.disks.length) {
    throw new HvError(
      'INTERNAL',
      `domain XML: host facts locate ${host.disks.length} disks, the profile has ${profile.disks.length}`,
    );
  }
  const iommu = profile.launchSecurity === undefined ? undefined : 'on';
  const out = profile.disks.map((d, i) => {
    const loc = host.disks[i] ?? { path: '', format: 'qcow2' as const };
    return el(
      'disk',
      { type: 'file', device: 'disk' },
      el('driver', {
        name: 'qemu',
        type: loc.format,
        cache: d.cache,
        discard: d.discard ? 'unmap' : undefined,
        iommu: d.bus === 'virtio' ? iommu : undefined,
      }),
      el('source', { file: loc.path }),
      el('target', { dev: d.target, bus: d.bus }),
    );
  });
  const cdBus: DiskBus = profile.arch === 'x86_64' ? 'sata' : 'scsi';
  const used = new Set(profile.disks.map((d) => d.target));
  if (profile.iso !== undefined)
    out.push(cdrom(required(host.isoPath, 'isoPath'), nextTarget(cdBus, used), cdBus));
  const ci = profile.cloudInit;
  if (ci !== undefined && Object.keys(ci).length > 0) {
    out.push(cdrom(required(host.seedIsoPath, 'seedIsoPath'), nextTarget(cdBus, used), cdBus));
  }
  const scsi =
    profile.disks.some((d) => d.bus === 'scsi') || (cdBus === 'scsi' && out.length > profile.disks.length);
  if (scsi) out.push(el('controller', { type: 'scsi', index: 0, model: 'virtio-scsi' }));
  return out;
}
