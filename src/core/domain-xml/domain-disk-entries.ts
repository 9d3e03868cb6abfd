// Why: what a domain's `<disk>` elements say (target, kind, source, format, flags, backing chain) is
// read the same way for backups, snapshots, image usage and VM deletion; each keeps its own view of it.
import { attributeOf, elementsOf, nonEmptyAttributeOf, objectOf, type XmlObject } from './domain-xml-tree.js';

/** One `<disk>` of a domain, in document order. */
export interface DiskEntry {
  /** Guest device name (`<target dev>`), e.g. vda; undefined when missing. */
  readonly target: string | undefined;
  /** disk, cdrom, floppy or lun (default disk). */
  readonly device: string;
  /** Source type: file, block, network, volume, dir... (default file). */
  readonly type: string;
  /** Image format from `<driver type>` (qcow2, raw...). */
  readonly format: string | undefined;
  /** Host path of a file or block source. */
  readonly path: string | undefined;
  /** Pool and volume of a volume source. */
  readonly pool: string | undefined;
  readonly volume: string | undefined;
  readonly readonly: boolean;
  readonly shareable: boolean;
  /** No medium: no file, device, network name or volume (an empty CD-ROM drive). */
  readonly empty: boolean;
  /** The disk's own `snapshot=` attribute (no, internal, external), when set. */
  readonly snapshot: string | undefined;
  /** Paths of the backing chain libvirt reports under `<backingStore>`, nearest first. */
  readonly backing: readonly string[];
}

function sourcePath(source: XmlObject | undefined): string | undefined {
  return nonEmptyAttributeOf(source, 'file') ?? nonEmptyAttributeOf(source, 'dev');
}

function backingChain(disk: XmlObject): string[] {
  const out: string[] = [];
  let store = objectOf(disk.backingStore);
  for (let depth = 0; store !== undefined && depth < 64; depth++) {
    const p = sourcePath(objectOf(store.source));
    if (p !== undefined) out.push(p);
    store = objectOf(store.backingStore);
  }
  return out;
}

/** The disks of a `<domain>` element (see domain-xml-tree.ts), in document order. */
export function diskEntriesOf(domain: XmlObject): DiskEntry[] {
  return elementsOf(objectOf(domain.devices)?.disk).map((d): DiskEntry => {
    const source = objectOf(d.source);
    const path = sourcePath(source);
    const pool = nonEmptyAttributeOf(source, 'pool');
    const volume = nonEmptyAttributeOf(source, 'volume');
    return {
      target: nonEmptyAttributeOf(objectOf(d.target), 'dev'),
      device: attributeOf(d, 'device') ?? 'disk',
      type: attributeOf(d, 'type') ?? 'file',
      format: nonEmptyAttributeOf(objectOf(d.driver), 'type'),
      path,
      pool,
      volume,
      readonly: d.readonly !== undefined,
      shareable: d.shareable !== undefined,
      empty: path === undefined && nonEmptyAttributeOf(source, 'name') === undefined && volume === undefined,
      snapshot: attributeOf(d, 'snapshot'),
      backing: backingChain(d),
    };
  });
}
