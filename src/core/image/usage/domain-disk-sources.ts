// Reads the disks out of a domain's XML: what each disk or cdrom points at (a file, a block device or
// a pool volume) and the backing chain libvirt reports under <backingStore> (running domains carry the
// whole chain there). Pure, so the in-use check of `hv image rm` is unit-tested on XML strings.
import { diskEntriesOf } from '../../domain-xml/domain-disk-entries.js';
import { domainElementOf } from '../../domain-xml/domain-xml-tree.js';

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

/** The disks of a domain XML document (an empty list when it has none or is not a domain). */
export function domainDiskSources(xml: string): DiskSource[] {
  const domain = domainElementOf(xml);
  return (domain === undefined ? [] : diskEntriesOf(domain)).map((d) => ({
    device: d.device,
    target: d.target,
    path: d.path,
    volume: d.pool !== undefined && d.volume !== undefined ? { pool: d.pool, name: d.volume } : undefined,
    backing: d.backing,
  }));
}
