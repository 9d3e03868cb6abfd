// Why: a restored VM is the backed-up domain XML pointed at the rebuilt disks. Under a new name it must
// not collide with the original (new UUID, new MACs, its own NVRAM copy and channel sockets, hv's metadata
// renamed); a boot test must also be isolated (NICs only on an isolated network, no passthrough devices),
// marked as hv's throwaway VM in its metadata, and print its serial
// console to a file hv watches. Pure: XML in, XML out; everything else in the document is kept as is.
import { HV_VM_NAMESPACE } from '../profile/domain-xml/domain-metadata.js';
import {
  appendChild,
  attrOf,
  buildOrderedXml,
  childElement,
  childElements,
  childrenOf,
  makeElement,
  parseOrderedXml,
  removeChildren,
  rootElement,
  setAttr,
  setText,
  tagOf,
  textOf,
  type XmlNode,
} from '../domain-xml/ordered-xml.js';

/** How to rewrite the XML. */
export interface RestoreXmlOptions {
  /** The restored VM's name. */
  readonly name: string;
  /** A new identity: no UUID (libvirt makes one), no MACs, no NVRAM path, no fixed channel paths. */
  readonly newIdentity: boolean;
  /** Keep this UUID (an in-place restore over a VM whose UUID differs from the backup's). */
  readonly uuid?: string;
  /** Restored qcow2 file of each backed-up disk, by target (vda -> path). */
  readonly diskFiles: ReadonlyMap<string, string>;
  /** The VM's own copy of the backed-up NVRAM file (with newIdentity: instead of a fresh one). */
  readonly nvramFile?: string;
  /** A throwaway boot test: isolate it and log its serial console to this file. */
  readonly bootTestSerialLog?: string;
  /** A boot test's isolated network: its NICs are put on it (without it they are dropped). */
  readonly bootTestNetwork?: string;
  /** A boot test's hv marker, added to the domain's metadata (see boot-test-leftovers.ts). */
  readonly bootTestMarker?: XmlNode;
}

/** Elements a boot-test VM must not have: they reach the network or host hardware. */
const BOOT_TEST_DROPPED = new Set([
  'interface',
  'hostdev',
  'redirdev',
  'smartcard',
  'filesystem',
  'graphics',
  'serial',
  'console',
  'parallel',
]);

function pointDiskAt(disk: XmlNode, file: string): void {
  setAttr(disk, 'type', 'file');
  removeChildren(disk, (c) => ['source', 'backingStore', 'mirror'].includes(tagOf(c) ?? ''));
  const driver = childElement(disk, 'driver');
  if (driver === undefined)
    appendChild(disk, makeElement('driver', { name: 'qemu', type: 'qcow2' }), '      ');
  else setAttr(driver, 'type', 'qcow2');
  appendChild(disk, makeElement('source', { file }), '      ');
}

function rewriteDisks(devices: XmlNode, o: RestoreXmlOptions): void {
  removeChildren(devices, (d) => {
    if (tagOf(d) !== 'disk') return false;
    const target = attrOf(childElement(d, 'target') ?? {}, 'dev') ?? '';
    const file = o.diskFiles.get(target);
    if (file !== undefined) {
      pointDiskAt(d, file);
      return false;
    }
    // A boot test keeps only what it restored; CD-ROMs and other disks stay out.
    return o.bootTestSerialLog !== undefined;
  });
}

function renameInMetadata(root: XmlNode, name: string): void {
  const metadata = childElement(root, 'metadata');
  if (metadata === undefined) return;
  for (const vm of childrenOf(metadata)) {
    const tag = tagOf(vm);
    const m = tag === undefined ? null : /^(?:([\w.-]+):)?vm$/.exec(tag);
    if (m === null) continue;
    if (attrOf(vm, m[1] === undefined ? 'xmlns' : `xmlns:${m[1]}`) !== HV_VM_NAMESPACE) continue;
    const profile = childElement(vm, m[1] === undefined ? 'profile' : `${m[1]}:profile`);
    if (profile === undefined) continue;
    try {
      const doc = JSON.parse(textOf(profile)) as Record<string, unknown>;
      doc['name'] = name;
      if (Array.isArray(doc['nics'])) {
        for (const nic of doc['nics'] as unknown[]) {
          if (nic !== null && typeof nic === 'object') delete (nic as Record<string, unknown>)['mac'];
        }
      }
      setText(profile, JSON.stringify(doc));
    } catch {
      // Unreadable profile JSON is left alone; `hv vm` reports it where it matters.
    }
  }
}

function newIdentity(root: XmlNode, devices: XmlNode | undefined, nvramFile: string | undefined): void {
  removeChildren(root, (c) => tagOf(c) === 'uuid');
  const os = childElement(root, 'os');
  // The NVRAM path belongs to the original VM: the new one gets its own copy of the backed-up file,
  // or (none backed up) libvirt makes a fresh one from the template.
  const nvram = os === undefined ? undefined : childElement(os, 'nvram');
  if (os !== undefined && nvram !== undefined) {
    if (nvramFile === undefined) removeChildren(os, (c) => tagOf(c) === 'nvram');
    else setText(nvram, nvramFile);
  }
  if (devices === undefined) return;
  for (const nic of childElements(devices, 'interface')) {
    removeChildren(nic, (c) => ['mac', 'target', 'alias'].includes(tagOf(c) ?? ''));
  }
  for (const ch of childElements(devices, 'channel')) {
    if (attrOf(ch, 'type') === 'unix') removeChildren(ch, (c) => tagOf(c) === 'source');
  }
}

function isolateForBootTest(devices: XmlNode, serialLog: string, network: string | undefined): void {
  const nics = childElements(devices, 'interface').map((nic) => {
    const model = attrOf(childElement(nic, 'model') ?? {}, 'type');
    return makeElement('interface', { type: 'network' }, [
      makeElement('source', { network: network ?? '' }),
      ...(model === undefined ? [] : [makeElement('model', { type: model })]),
    ]);
  });
  removeChildren(devices, (c) => BOOT_TEST_DROPPED.has(tagOf(c) ?? ''));
  if (network !== undefined) for (const nic of nics) appendChild(devices, nic);
  const serial = makeElement('serial', { type: 'pty' }, [
    makeElement('log', { file: serialLog, append: 'off' }),
    makeElement('target', { port: '0' }),
  ]);
  appendChild(devices, serial);
  appendChild(
    devices,
    makeElement('console', { type: 'pty' }, [makeElement('target', { type: 'serial', port: '0' })]),
  );
}

/** The domain XML of the restored VM. */
export function restoreDomainXml(xml: string, o: RestoreXmlOptions): string {
  const nodes = parseOrderedXml(xml, 'backed-up domain XML');
  const root = rootElement(nodes, 'backed-up domain XML');
  setAttr(root, 'id', undefined);
  const nameEl = childElement(root, 'name');
  if (nameEl !== undefined) setText(nameEl, o.name);
  const devices = childElement(root, 'devices');
  if (devices !== undefined) rewriteDisks(devices, o);
  if (o.uuid !== undefined) {
    const uuidEl = childElement(root, 'uuid');
    if (uuidEl === undefined) {
      const el = makeElement('uuid');
      setText(el, o.uuid);
      appendChild(root, el, '  ');
    } else setText(uuidEl, o.uuid);
  }
  if (o.newIdentity || o.bootTestSerialLog !== undefined) {
    newIdentity(root, devices, o.nvramFile);
    renameInMetadata(root, o.name);
  }
  if (o.bootTestSerialLog !== undefined && devices !== undefined)
    isolateForBootTest(devices, o.bootTestSerialLog, o.bootTestNetwork);
  if (o.bootTestMarker !== undefined) {
    let metadata = childElement(root, 'metadata');
    if (metadata === undefined) {
      metadata = makeElement('metadata');
      appendChild(root, metadata, '  ');
    }
    appendChild(metadata, o.bootTestMarker);
  }
  return buildOrderedXml(nodes);
}
