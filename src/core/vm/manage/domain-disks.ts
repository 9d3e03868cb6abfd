// What delete must know about a domain's storage, read from its XML: every disk with its source, the
// flags that make it shared (read-only, shareable, CD-ROM), and the UEFI NVRAM file. Pure.
import { diskEntriesOf } from '../../domain-xml/domain-disk-entries.js';
import {
  attributeOf,
  domainElementOf,
  elementsOf,
  nonEmptyAttributeOf,
  objectOf,
  parseXmlDocument,
  textContentOf,
} from '../../domain-xml/domain-xml-tree.js';

/** One `<disk>` of a domain. */
export interface DomainDisk {
  readonly target: string;
  /** disk, cdrom, floppy, lun. */
  readonly device: string;
  /** file, block, volume, network, dir. */
  readonly type: string;
  /** The file or device path (type file or block); absent for volume/network sources. */
  readonly path?: string;
  /** Source pool and volume (type volume). */
  readonly pool?: string;
  readonly volume?: string;
  readonly readonly: boolean;
  readonly shareable: boolean;
}

/** The disks of domain XML, in device order. */
export function domainDisks(xml: string): DomainDisk[] {
  const domain = domainElementOf(xml);
  return (domain === undefined ? [] : diskEntriesOf(domain)).map((d) => ({
    target: d.target ?? '?',
    device: d.device,
    type: d.type,
    ...(d.path !== undefined && { path: d.path }),
    ...(d.pool !== undefined && { pool: d.pool }),
    ...(d.volume !== undefined && { volume: d.volume }),
    readonly: d.readonly,
    shareable: d.shareable,
  }));
}

/** The path of the domain's UEFI variable store (`<os><nvram>`), if it has one. */
export function nvramPath(xml: string): string | undefined {
  const path = textContentOf(objectOf(domainElementOf(xml)?.os)?.nvram);
  return path === '' ? undefined : path;
}

/** Every file path the XML mentions (disk sources, backing stores, NVRAM, kernels...). */
export function referencedPaths(xml: string): Set<string> {
  const out = new Set<string>();
  for (const m of xml.matchAll(/\b(?:file|dev)=(["'])([^"']+)\1/g)) if (m[2] !== undefined) out.add(m[2]);
  const nvram = nvramPath(xml);
  if (nvram !== undefined) out.add(nvram);
  return out;
}

/** Files an external snapshot made (disk overlays and the memory file), from its XML. */
export function snapshotFiles(xml: string): string[] {
  const snap = objectOf(parseXmlDocument(xml).domainsnapshot);
  const out: string[] = [];
  const memory = nonEmptyAttributeOf(objectOf(snap?.memory), 'file');
  if (memory !== undefined) out.push(memory);
  for (const d of elementsOf(objectOf(snap?.disks)?.disk)) {
    if (attributeOf(d, 'snapshot') !== 'external') continue;
    const file = nonEmptyAttributeOf(objectOf(d.source), 'file');
    if (file !== undefined) out.push(file);
  }
  return out;
}
