// Reads the disks out of a domain's XML: what each disk or cdrom points at (a file, a block device or
// a pool volume) and the backing chain libvirt reports under <backingStore> (running domains carry the
// whole chain there). Pure, so the in-use check of `hv image rm` is unit-tested on XML strings.
import { XMLParser } from 'fast-xml-parser';

/** One disk of a domain. */
export interface DiskSource {
  /** disk, cdrom, floppy, lun. */
  readonly device: string;
  /** Target device name (vda, sda...). */
  readonly target: string | undefined;
  /** The file or block device path, when the source is one. */
  readonly path: string | undefined;
  /** The pool volume, when the disk is `type='volume'`. */
  readonly volume: { readonly pool: string; readonly name: string } | undefined;
  /** Paths of the backing chain under <backingStore>, nearest first. */
  readonly backing: readonly string[];
}

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => name === 'disk',
});

function asNode(v: unknown): Node | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Node) : undefined;
}

function attr(n: Node | undefined, name: string): string | undefined {
  const v = n?.[`@_${name}`];
  return typeof v === 'string' ? v : undefined;
}

function sourcePath(source: Node | undefined): string | undefined {
  return attr(source, 'file') ?? attr(source, 'dev');
}

function backingChain(disk: Node): string[] {
  const out: string[] = [];
  let store = asNode(disk.backingStore);
  for (let depth = 0; store !== undefined && depth < 64; depth++) {
    const p = sourcePath(asNode(store.source));
    if (p !== undefined) out.push(p);
    store = asNode(store.backingStore);
  }
  return out;
}

/** The disks of a domain XML document (an empty list when it has none or is not a domain). */
export function domainDiskSources(xml: string): DiskSource[] {
  const doc = asNode(parser.parse(xml) as unknown);
  const devices = asNode(asNode(doc?.domain)?.devices);
  const disks = Array.isArray(devices?.disk) ? (devices.disk as unknown[]) : [];
  return disks.flatMap((d) => {
    const disk = asNode(d);
    if (disk === undefined) return [];
    const source = asNode(disk.source);
    const pool = attr(source, 'pool');
    const vol = attr(source, 'volume');
    return [
      {
        device: attr(disk, 'device') ?? 'disk',
        target: attr(asNode(disk.target), 'dev'),
        path: sourcePath(source),
        volume: pool !== undefined && vol !== undefined ? { pool, name: vol } : undefined,
        backing: backingChain(disk),
      },
    ];
  });
}
