// Why: what a backup copies is decided by the domain's XML: which disks exist, which of them hold guest
// data (not CD-ROMs, not read-only or shared ones), their image format and file. One pure reader keeps
// the live path, the offline path and restore looking at disks the same way.
import { diskEntriesOf } from '../domain-xml/domain-disk-entries.js';
import { requireDomainElement, textContentOf } from '../domain-xml/domain-xml-tree.js';
import { hasGuestAgentChannel } from '../domain-xml/guest-agent-channel.js';

/** One `<disk>` of a domain, as far as backups care. */
export interface DomainDisk {
  /** Guest device name (`<target dev>`), e.g. vda; unique in a domain. */
  readonly target: string;
  /** disk, cdrom, floppy or lun. */
  readonly device: string;
  /** file, block, network, volume, dir... */
  readonly type: string;
  /** Host path of a file or block disk. */
  readonly source?: string;
  /** Image format from `<driver type>` (qcow2, raw...). */
  readonly format?: string;
  readonly readonly: boolean;
  readonly shareable: boolean;
}

/** The domain facts a backup records. */
export interface DomainFacts {
  readonly name: string;
  readonly uuid: string;
  readonly disks: readonly DomainDisk[];
  /** True when the domain has the qemu-guest-agent channel. */
  readonly hasAgentChannel: boolean;
}

/**
 * Parse the disks, name and UUID out of a domain's XML.
 * @throws ValidationError when the text is not well-formed XML or not a domain.
 */
export function readDomainFacts(xml: string): DomainFacts {
  const domain = requireDomainElement(xml);
  const disks = diskEntriesOf(domain).map((d): DomainDisk => ({
    target: d.target ?? '',
    device: d.device,
    type: d.type,
    ...(d.path === undefined ? {} : { source: d.path }),
    ...(d.format === undefined ? {} : { format: d.format }),
    readonly: d.readonly,
    shareable: d.shareable,
  }));
  return {
    name: (textContentOf(domain.name) ?? '').trim(),
    uuid: (textContentOf(domain.uuid) ?? '').trim(),
    disks,
    hasAgentChannel: hasGuestAgentChannel(domain),
  };
}

/** Why a disk is left out of backups, or undefined when it is backed up. */
export function diskExclusionReason(disk: DomainDisk): string | undefined {
  if (disk.device !== 'disk') return `it is a ${disk.device}`;
  if (disk.readonly) return 'it is read-only';
  if (disk.shareable) return 'it is shared with other VMs';
  if (disk.target === '') return 'it has no target device name';
  return undefined;
}

/** The disks a backup copies (guest data disks), in domain order. */
export function backupDisksOf(facts: DomainFacts): DomainDisk[] {
  return facts.disks.filter((d) => diskExclusionReason(d) === undefined);
}
