// Templates and clones edit hv's `<vm>` element inside a domain's `<metadata>` (the template marker,
// the clone origin) in the order-preserving XML tree, whatever prefix it was written with, and create
// it when a VM hv did not create has none. One finder for both.
import {
  appendChild,
  attrOf,
  childElement,
  childrenOf,
  makeElement,
  tagOf,
  type XmlNode,
} from '../domain-xml/ordered-xml.js';
import { HV_VM_NAMESPACE } from '../profile/domain-xml/domain-metadata.js';

/** hv's `<vm>` element and the prefix (`hv:` or '') its children use. */
export interface HvVmElement {
  readonly node: XmlNode;
  readonly prefix: string;
}

/** hv's `<vm>` element below `<domain>` (`root`); with `create`, made (with `<metadata>`) when missing. */
export function hvVmElement(root: XmlNode, create: boolean): HvVmElement | undefined {
  let metadata = childElement(root, 'metadata');
  for (const vm of metadata === undefined ? [] : childrenOf(metadata)) {
    const m = /^(?:([\w.-]+):)?vm$/.exec(tagOf(vm) ?? '');
    if (m === null) continue;
    if (attrOf(vm, m[1] === undefined ? 'xmlns' : `xmlns:${m[1]}`) === HV_VM_NAMESPACE)
      return { node: vm, prefix: m[1] === undefined ? '' : `${m[1]}:` };
  }
  if (!create) return undefined;
  if (metadata === undefined) {
    metadata = makeElement('metadata');
    appendChild(root, metadata, '  ');
  }
  const node = makeElement('hv:vm', { 'xmlns:hv': HV_VM_NAMESPACE });
  appendChild(metadata, node);
  return { node, prefix: 'hv:' };
}

/** The first child of hv's `<vm>` named `local` (without prefix). */
export function hvChild(vm: HvVmElement, local: string): XmlNode | undefined {
  return childElement(vm.node, `${vm.prefix}${local}`);
}
