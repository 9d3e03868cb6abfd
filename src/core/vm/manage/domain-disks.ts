// What delete must know about a domain's storage, read from its XML: every disk with its source, the
// flags that make it shared (read-only, shareable, CD-ROM), and the UEFI NVRAM file. Pure.
import { XMLParser } from 'fast-xml-parser';

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

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  isArray: (name) => name === 'disk',
});

const asNode = (v: unknown): Node | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function domainOf(xml: string): Node | undefined {
  return asNode(asNode(parser.parse(xml) as unknown)?.domain);
}

/** The disks of domain XML, in device order. */
export function domainDisks(xml: string): DomainDisk[] {
  const devices = asNode(domainOf(xml)?.devices);
  const disks = Array.isArray(devices?.disk) ? (devices.disk as unknown[]) : [];
  return disks.flatMap((raw) => {
    const d = asNode(raw);
    if (d === undefined) return [];
    const source = asNode(d.source);
    const path = str(source?.['@_file']) ?? str(source?.['@_dev']);
    const pool = str(source?.['@_pool']);
    const volume = str(source?.['@_volume']);
    return [
      {
        target: str(asNode(d.target)?.['@_dev']) ?? '?',
        device: str(d['@_device']) ?? 'disk',
        type: str(d['@_type']) ?? 'file',
        ...(path !== undefined && { path }),
        ...(pool !== undefined && { pool }),
        ...(volume !== undefined && { volume }),
        readonly: 'readonly' in d,
        shareable: 'shareable' in d,
      },
    ];
  });
}

/** The path of the domain's UEFI variable store (`<os><nvram>`), if it has one. */
export function nvramPath(xml: string): string | undefined {
  const nvram = asNode(domainOf(xml)?.os)?.nvram;
  return str(nvram) ?? str(asNode(nvram)?.['#text']);
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
  const snap = asNode(asNode(parser.parse(xml) as unknown)?.domainsnapshot);
  const out: string[] = [];
  const memory = str(asNode(snap?.memory)?.['@_file']);
  if (memory !== undefined) out.push(memory);
  const disks = asNode(snap?.disks)?.disk;
  for (const raw of Array.isArray(disks) ? (disks as unknown[]) : []) {
    const d = asNode(raw);
    if (d?.['@_snapshot'] !== 'external') continue;
    const file = str(asNode(d.source)?.['@_file']);
    if (file !== undefined) out.push(file);
  }
  return out;
}
