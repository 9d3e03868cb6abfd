// Why: `hv ls` and `hv vm info` need the same few facts out of a domain's XML (NICs with their MACs,
// consoles, graphics, firmware, description, hv's tags); one pure parser reads them all in one pass.
import { XMLParser } from 'fast-xml-parser';
import { HV_METADATA_NS, parseTags } from '../vm-tags.js';

/** One `<interface>`. */
interface DomainNic {
  readonly mac: string;
  /** network, bridge, direct, user... */
  readonly type: string;
  /** The libvirt network name or the host bridge/device; undefined for user-mode NICs. */
  readonly source: string | undefined;
  readonly model: string | undefined;
  /** The host-side device while running (vnet0...). */
  readonly hostDevice: string | undefined;
}

/** A serial port or console as the domain defines it. */
export interface DomainConsole {
  /** serial or console. */
  readonly kind: 'serial' | 'console';
  /** pty, file, unix, tcp... */
  readonly type: string;
  /** The pty or socket path while running. */
  readonly path: string | undefined;
  readonly targetType: string | undefined;
  readonly port: number | undefined;
}

/** A `<graphics>` device. */
export interface DomainGraphics {
  readonly type: string;
  readonly listen: string | undefined;
  /** The port while running (-1 or undefined when not yet allocated). */
  readonly port: number | undefined;
}

/** What hv reads out of domain XML for listing and info. */
export interface DomainFacts {
  readonly nics: readonly DomainNic[];
  readonly consoles: readonly DomainConsole[];
  readonly graphics: readonly DomainGraphics[];
  /** `uefi` when the domain has a loader or firmware='efi', else `bios`. */
  readonly firmware: 'uefi' | 'bios';
  readonly description: string | undefined;
  readonly tags: readonly string[];
}

type Node = Record<string, unknown>;

const ARRAYS = new Set(['interface', 'serial', 'console', 'graphics']);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name, jpath) => ARRAYS.has(name) && jpath === `domain.devices.${name}`,
});

const asNode = (v: unknown): Node | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const nodes = (v: unknown): Node[] =>
  (Array.isArray(v) ? v : []).map(asNode).filter((n): n is Node => n !== undefined);
const int = (v: unknown): number | undefined => {
  const n = Number(str(v));
  return Number.isInteger(n) ? n : undefined;
};
const textOf = (v: unknown): string | undefined => str(v) ?? str(asNode(v)?.['#text']);

function nicOf(n: Node): DomainNic {
  const source = asNode(n.source);
  return {
    mac: (str(asNode(n.mac)?.['@_address']) ?? '').toLowerCase(),
    type: str(n['@_type']) ?? 'network',
    source: str(source?.['@_network']) ?? str(source?.['@_bridge']) ?? str(source?.['@_dev']),
    model: str(asNode(n.model)?.['@_type']),
    hostDevice: str(asNode(n.target)?.['@_dev']),
  };
}

function consoleOf(kind: 'serial' | 'console', n: Node): DomainConsole {
  const target = asNode(n.target);
  return {
    kind,
    type: str(n['@_type']) ?? 'pty',
    path: str(asNode(n.source)?.['@_path']) ?? str(n['@_tty']),
    targetType: str(target?.['@_type']),
    port: int(target?.['@_port']),
  };
}

function graphicsOf(n: Node): DomainGraphics {
  const port = int(n['@_port']);
  return {
    type: str(n['@_type']) ?? '?',
    listen: str(n['@_listen']) ?? str(asNode(n.listen)?.['@_address']) ?? str(asNode(n.listen)?.['@_socket']),
    port: port !== undefined && port >= 0 ? port : undefined,
  };
}

/** hv's `<prefix:vm xmlns:prefix="hv ns">...</prefix:vm>` element text, or '' when absent. */
export function hvMetadataText(xml: string): string {
  const open = new RegExp(`<([\\w.-]+:)?vm\\b[^>]*xmlns(?::[\\w.-]+)?=["']${HV_METADATA_NS}["'][^>]*>`).exec(
    xml,
  );
  if (open === null) return '';
  const close = xml.indexOf(`</${open[1] ?? ''}vm>`, open.index);
  return close < 0 ? '' : xml.slice(open.index, close);
}

/** Parse the facts out of domain XML (GetXMLDesc). Pure. */
export function domainFacts(xml: string): DomainFacts {
  const domain = asNode(asNode(parser.parse(xml) as unknown)?.domain);
  const devices = asNode(domain?.devices);
  const os = asNode(domain?.os);
  const uefi = str(os?.['@_firmware']) === 'efi' || os?.loader !== undefined;
  return {
    nics: nodes(devices?.interface).map(nicOf),
    consoles: [
      ...nodes(devices?.serial).map((n) => consoleOf('serial', n)),
      ...nodes(devices?.console).map((n) => consoleOf('console', n)),
    ],
    graphics: nodes(devices?.graphics).map(graphicsOf),
    firmware: uefi ? 'uefi' : 'bios',
    description: textOf(domain?.description),
    tags: parseTags(hvMetadataText(xml)),
  };
}
