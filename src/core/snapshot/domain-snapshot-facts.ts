// Why: whether libvirt can take an internal snapshot depends on the domain's XML alone (qcow2 on every
// writable disk, no pflash firmware), and so does where external overlays go. This reads exactly those
// facts, so the decision itself (plan-snapshot.ts) stays a pure function that tests can table.
import { XMLParser } from 'fast-xml-parser';
import { ValidationError } from '../errors/index.js';

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

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => name === 'disk' || name === 'channel',
});

const asNode = (v: unknown): Node | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : undefined;
const attr = (n: Node | undefined, name: string): string | undefined => {
  const v = n?.[`@_${name}`];
  return typeof v === 'string' ? v : undefined;
};
const list = (v: unknown): Node[] => (Array.isArray(v) ? v.map((x) => asNode(x) ?? {}) : []);

function firmwareOf(os: Node | undefined): 'bios' | 'uefi' {
  if (attr(os, 'firmware') === 'efi') return 'uefi';
  const loaderRaw = os?.loader;
  if (os?.nvram !== undefined) return 'uefi';
  if (loaderRaw === undefined) return 'bios';
  const loader = asNode(loaderRaw);
  const type = attr(loader, 'type');
  if (type === 'pflash') return 'uefi';
  if (type === 'rom') return 'bios';
  const inner = loader?.['#text'];
  const path = typeof loaderRaw === 'string' ? loaderRaw : typeof inner === 'string' ? inner : '';
  return /ovmf|edk2|aavmf|qemu_efi/i.test(path) ? 'uefi' : 'bios';
}

function diskOf(d: Node): SnapshotDiskFact {
  const source = asNode(d.source);
  const path = attr(source, 'file') ?? attr(source, 'dev');
  const hasSource =
    path !== undefined || attr(source, 'name') !== undefined || attr(source, 'volume') !== undefined;
  const snapshotAttr = attr(d, 'snapshot');
  return {
    target: attr(asNode(d.target), 'dev') ?? '?',
    device: attr(d, 'device') ?? 'disk',
    type: attr(d, 'type') ?? 'file',
    format: attr(asNode(d.driver), 'type') ?? '',
    ...(path === undefined ? {} : { path }),
    readonly: d.readonly !== undefined,
    shareable: d.shareable !== undefined,
    empty: !hasSource,
    ...(snapshotAttr === undefined ? {} : { snapshotAttr }),
  };
}

/**
 * Read the snapshot-relevant facts from a domain's XML (GetXMLDesc output).
 * @throws ValidationError when the XML is not a `<domain>`.
 */
export function domainSnapshotFacts(xml: string): DomainSnapshotFacts {
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (err) {
    throw new ValidationError('domain XML', 'is not well-formed XML', { cause: err });
  }
  const domain = asNode(doc.domain);
  if (domain === undefined) throw new ValidationError('domain XML', 'has no <domain> element');
  const devices = asNode(domain.devices);
  const channels = list(devices?.channel);
  return {
    name: typeof domain.name === 'string' ? domain.name : '?',
    firmware: firmwareOf(asNode(domain.os)),
    disks: list(devices?.disk).map(diskOf),
    agentChannel: channels.some((c) => attr(asNode(c.target), 'name') === 'org.qemu.guest_agent.0'),
  };
}
