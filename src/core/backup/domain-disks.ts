// Why: what a backup copies is decided by the domain's XML: which disks exist, which of them hold guest
// data (not CD-ROMs, not read-only or shared ones), their image format and file. One pure reader keeps
// the live path, the offline path and restore looking at disks the same way.
import {
  attrOf,
  childElement,
  childElements,
  elementAt,
  parseOrderedXml,
  rootElement,
  textOf,
} from './ordered-xml.js';

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

/** Parse the disks, name and UUID out of a domain's XML. */
export function readDomainFacts(xml: string): DomainFacts {
  const root = rootElement(parseOrderedXml(xml, 'domain XML'), 'domain XML');
  const devices = childElement(root, 'devices');
  const disks = (devices === undefined ? [] : childElements(devices, 'disk')).map((d): DomainDisk => {
    const source = childElement(d, 'source');
    const path = source === undefined ? undefined : (attrOf(source, 'file') ?? attrOf(source, 'dev'));
    const format = attrOf(childElement(d, 'driver') ?? {}, 'type');
    return {
      target: attrOf(childElement(d, 'target') ?? {}, 'dev') ?? '',
      device: attrOf(d, 'device') ?? 'disk',
      type: attrOf(d, 'type') ?? 'file',
      ...(path === undefined ? {} : { source: path }),
      ...(format === undefined ? {} : { format }),
      readonly: childElement(d, 'readonly') !== undefined,
      shareable: childElement(d, 'shareable') !== undefined,
    };
  });
  const hasAgentChannel = (devices === undefined ? [] : childElements(devices, 'channel')).some(
    (c) => attrOf(childElement(c, 'target') ?? {}, 'name') === 'org.qemu.guest_agent.0',
  );
  const name = elementAt(root, ['name']);
  const uuid = elementAt(root, ['uuid']);
  return {
    name: name === undefined ? '' : textOf(name).trim(),
    uuid: uuid === undefined ? '' : textOf(uuid).trim(),
    disks,
    hasAgentChannel,
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
