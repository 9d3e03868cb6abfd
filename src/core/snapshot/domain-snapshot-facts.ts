// Why: whether libvirt can take an internal snapshot depends on the domain's XML alone (qcow2 on every
// writable disk, no pflash firmware), and so does where external overlays go. This reads exactly those
// facts, so the decision itself (plan-snapshot.ts) stays a pure function that tests can table.
import { diskEntriesOf } from '../domain-xml/domain-disk-entries.js';
import {
  attributeOf,
  objectOf,
  requireDomainElement,
  textContentOf,
  type XmlObject,
} from '../domain-xml/domain-xml-tree.js';
import { hasGuestAgentChannel } from '../domain-xml/guest-agent-channel.js';

/** One `<disk>` of a domain, as far as snapshots care. */
export interface SnapshotDiskFact {
  /** Target device, e.g. `vda`. */
  readonly target: string;
  /** `disk`, `cdrom`, `floppy` or `lun`. */
  readonly device: string;
  /** Source type: `file`, `block`, `network`, `volume`... */
  readonly type: string;
  /** Driver format, e.g. `qcow2` or `raw` (empty when not given). */
  readonly format: string;
  /** Source file or device path (file and block disks). */
  readonly path?: string;
  readonly readonly: boolean;
  readonly shareable: boolean;
  /** No medium (an empty CD-ROM drive). */
  readonly empty: boolean;
  /** The disk's own `snapshot=` attribute (`no`, `internal`, `external`), if set. */
  readonly snapshotAttr?: string;
}

/** What the domain XML says about snapshotting it. */
export interface DomainSnapshotFacts {
  readonly name: string;
  /** `uefi` when the firmware uses pflash (which blocks internal snapshots). */
  readonly firmware: 'bios' | 'uefi';
  readonly disks: readonly SnapshotDiskFact[];
  /** Whether the org.qemu.guest_agent.0 channel is defined. */
  readonly agentChannel: boolean;
}

function firmwareOf(os: XmlObject | undefined): 'bios' | 'uefi' {
  if (attributeOf(os, 'firmware') === 'efi') return 'uefi';
  const loaderRaw = os?.loader;
  if (os?.nvram !== undefined) return 'uefi';
  if (loaderRaw === undefined) return 'bios';
  const type = attributeOf(objectOf(loaderRaw), 'type');
  if (type === 'pflash') return 'uefi';
  if (type === 'rom') return 'bios';
  return /ovmf|edk2|aavmf|qemu_efi/i.test(textContentOf(loaderRaw) ?? '') ? 'uefi' : 'bios';
}

/**
 * Read the snapshot-relevant facts from a domain's XML (GetXMLDesc output).
 * @throws ValidationError when the XML is not a `<domain>`.
 */
export function domainSnapshotFacts(xml: string): DomainSnapshotFacts {
  const domain = requireDomainElement(xml);
  const name = textContentOf(domain.name);
  return {
    name: name === undefined || name === '' ? '?' : name,
    firmware: firmwareOf(objectOf(domain.os)),
    disks: diskEntriesOf(domain).map((d): SnapshotDiskFact => ({
      target: d.target ?? '?',
      device: d.device,
      type: d.type,
      format: d.format ?? '',
      ...(d.path === undefined ? {} : { path: d.path }),
      readonly: d.readonly,
      shareable: d.shareable,
      empty: d.empty,
      ...(d.snapshot === undefined ? {} : { snapshotAttr: d.snapshot }),
    })),
    agentChannel: hasGuestAgentChannel(domain),
  };
}
