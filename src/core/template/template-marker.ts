// A template is an ordinary libvirt domain that hv has sealed: its writable disks are marked
// `<readonly/>` (QEMU opens them read-only even if something starts it behind hv's back) and hv's
// metadata carries `<hv:template>` with the sealing time and the disk targets it sealed, so a clone
// knows which read-only disks were the VM's own. Pure: domain XML in, XML or facts out.
import {
  appendChild,
  attrOf,
  buildOrderedXml,
  childElement,
  childElements,
  childrenOf,
  makeElement,
  parseOrderedXml,
  rootElement,
  tagOf,
  type XmlNode,
} from '../domain-xml/ordered-xml.js';
import { hvChild, hvVmElement } from './hv-vm-element.js';

/** What `<hv:template>` records. */
export interface TemplateMarker {
  /** ISO time of sealing. */
  readonly sealedAt: string;
  /** The VM's name when it was sealed (before a --name rename). */
  readonly source?: string;
  /** The cloud-init instance-id was cleared from the template's seed. */
  readonly identityReset: boolean;
  /** Targets (vda...) of the disks sealing made read-only: a clone makes its copies writable again. */
  readonly disks: readonly string[];
}

/** A disk the VM writes to: device disk (or lun), neither read-only nor shareable. */
export function isWritableDisk(disk: XmlNode): boolean {
  const device = attrOf(disk, 'device') ?? 'disk';
  return (
    (device === 'disk' || device === 'lun') &&
    childElement(disk, 'readonly') === undefined &&
    childElement(disk, 'shareable') === undefined
  );
}

/** The disk's target device name (vda...). */
export function diskTarget(disk: XmlNode): string {
  return attrOf(childElement(disk, 'target') ?? {}, 'dev') ?? '';
}

/** The `<disk>` elements of a domain root. */
export function diskNodes(root: XmlNode): XmlNode[] {
  const devices = childElement(root, 'devices');
  return devices === undefined ? [] : childElements(devices, 'disk');
}

/** The template marker of domain `xml`, or undefined when it is not a template. */
export function templateOfXml(xml: string): TemplateMarker | undefined {
  const root = rootElement(parseOrderedXml(xml, 'domain XML'), 'domain XML');
  const vm = hvVmElement(root, false);
  const marker = vm === undefined ? undefined : hvChild(vm, 'template');
  if (vm === undefined || marker === undefined) return undefined;
  const source = attrOf(marker, 'source');
  return {
    sealedAt: attrOf(marker, 'sealed') ?? '',
    ...(source !== undefined && { source }),
    identityReset: attrOf(marker, 'identity') === 'reset',
    disks: childrenOf(marker)
      .filter((c) => tagOf(c) === `${vm.prefix}disk`)
      .map((c) => attrOf(c, 'target') ?? ''),
  };
}

/** How to seal. */
export interface SealOptions {
  readonly sealedAt: string;
  readonly source: string;
  readonly identityReset: boolean;
}

/** Domain `xml` sealed as a template: writable disks read-only, `<hv:template>` added. Pure. */
export function sealDomainXml(xml: string, o: SealOptions): { xml: string; disks: string[] } {
  const nodes = parseOrderedXml(xml, 'domain XML');
  const root = rootElement(nodes, 'domain XML');
  const sealed: string[] = [];
  for (const disk of diskNodes(root)) {
    if (!isWritableDisk(disk)) continue;
    sealed.push(diskTarget(disk));
    appendChild(disk, makeElement('readonly'), '      ');
  }
  const vm = hvVmElement(root, true);
  if (vm !== undefined) {
    const marker = makeElement(
      `${vm.prefix}template`,
      {
        sealed: o.sealedAt,
        source: o.source,
        identity: o.identityReset ? 'reset' : 'kept',
      },
      sealed.map((target) => makeElement(`${vm.prefix}disk`, { target })),
    );
    appendChild(vm.node, marker);
  }
  return { xml: buildOrderedXml(nodes), disks: sealed };
}
