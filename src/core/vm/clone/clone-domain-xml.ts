// A clone's domain XML is the source's persistent XML with a new identity: its own name, no UUID
// (libvirt makes one, so TPM state, keyed by UUID, starts empty), new MACs, a fresh VM generation id,
// its own disks, seed ISO and NVRAM, no fixed channel sockets or display ports, and hv's metadata
// renamed (profile name, MACs, seed path) with the template marker dropped and the origin recorded.
// Pure: everything else libvirt wrote is kept as it was.
import {
  appendChild,
  attrOf,
  buildOrderedXml,
  childElement,
  childElements,
  makeElement,
  parseOrderedXml,
  removeChildren,
  rootElement,
  setAttr,
  setText,
  tagOf,
  type XmlNode,
} from '../../domain-xml/ordered-xml.js';
import { profileToDocument } from '../../profile/profile-document.js';
import type { VmProfile } from '../../profile/vm-profile.js';
import { hvChild, hvVmElement } from '../../template/hv-vm-element.js';
import { diskTarget } from '../../template/template-marker.js';

/** linked: qcow2 overlays of the source's disks; full: independent copies. */
export type CloneMode = 'linked' | 'full';

/** What the clone's XML points at. */
export interface CloneXmlOptions {
  readonly name: string;
  readonly source: string;
  readonly mode: CloneMode;
  /** Target (vda...) -> the clone's qcow2 volume path. */
  readonly disks: ReadonlyMap<string, string>;
  /** The source's seed ISO path and the clone's. */
  readonly seed?: { readonly from: string; readonly to: string };
  /** The clone's NVRAM file; null: no path (libvirt makes a fresh one from the template). */
  readonly nvram?: string | null;
  /** New MAC of each `<interface>`, in order. */
  readonly macs: readonly string[];
  /** The clone's profile for hv's metadata (from {@link cloneProfile}). */
  readonly profile?: VmProfile;
  /** ISO time recorded in `<hv:clone>`. */
  readonly createdAt: string;
}

/** The source's profile turned into the clone's: name, MACs, disks, seed, not autostarted. Pure. */
export function cloneProfile(
  p: VmProfile,
  o: Pick<CloneXmlOptions, 'name' | 'mode' | 'macs' | 'seed'> & {
    /** Target -> the source disk path the clone's disk was made from. */
    diskSources: ReadonlyMap<string, string>;
  },
): VmProfile {
  const ci = p.cloudInit;
  return {
    ...p,
    name: o.name,
    autostart: false,
    nics: p.nics.map((n, i) => {
      const mac = o.macs[i];
      return mac === undefined ? n : { ...n, mac };
    }),
    disks: p.disks.map((d) => {
      const from = o.diskSources.get(d.target);
      return from === undefined ? d : { ...d, from, linked: o.mode === 'linked' };
    }),
    ...(ci?.seedIso !== undefined &&
      o.seed !== undefined &&
      ci.seedIso === o.seed.from && { cloudInit: { ...ci, seedIso: o.seed.to } }),
  };
}

function pointDiskAt(disk: XmlNode, file: string): void {
  if (attrOf(disk, 'type') !== 'file') setAttr(disk, 'type', 'file');
  removeChildren(disk, (c) => ['source', 'backingStore', 'mirror', 'readonly'].includes(tagOf(c) ?? ''));
  const driver = childElement(disk, 'driver');
  if (driver === undefined) appendChild(disk, makeElement('driver', { name: 'qemu', type: 'qcow2' }));
  else setAttr(driver, 'type', 'qcow2');
  appendChild(disk, makeElement('source', { file }), '      ');
}

function rewriteDevices(devices: XmlNode, o: CloneXmlOptions): void {
  for (const disk of childElements(devices, 'disk')) {
    const file = o.disks.get(diskTarget(disk));
    if (file !== undefined) pointDiskAt(disk, file);
    const source = childElement(disk, 'source');
    if (o.seed !== undefined && source !== undefined && attrOf(source, 'file') === o.seed.from)
      setAttr(source, 'file', o.seed.to);
  }
  for (const [i, nic] of childElements(devices, 'interface').entries()) {
    removeChildren(nic, (c) => ['mac', 'target', 'alias'].includes(tagOf(c) ?? ''));
    const mac = o.macs[i];
    if (mac !== undefined) appendChild(nic, makeElement('mac', { address: mac }), '      ');
  }
  for (const ch of childElements(devices, 'channel')) {
    if (attrOf(ch, 'type') === 'unix') removeChildren(ch, (c) => tagOf(c) === 'source');
  }
  for (const g of childElements(devices, 'graphics')) {
    if (attrOf(g, 'autoport') !== 'no') continue;
    setAttr(g, 'autoport', 'yes');
    for (const a of ['port', 'tlsPort', 'websocket']) setAttr(g, a, undefined);
  }
  for (const tpm of childElements(devices, 'tpm')) {
    const backend = childElement(tpm, 'backend');
    if (backend !== undefined) removeChildren(backend, (c) => tagOf(c) === 'source');
  }
}

function rewriteMetadata(root: XmlNode, o: CloneXmlOptions): void {
  const vm = hvVmElement(root, true);
  if (vm === undefined) return;
  removeChildren(vm.node, (c) => tagOf(c) === `${vm.prefix}template` || tagOf(c) === `${vm.prefix}clone`);
  const profile = hvChild(vm, 'profile');
  if (profile !== undefined && o.profile !== undefined)
    setText(profile, JSON.stringify(profileToDocument(o.profile)));
  const autostart = hvChild(vm, 'autostart');
  if (autostart !== undefined) setAttr(autostart, 'enabled', 'no');
  appendChild(
    vm.node,
    makeElement(`${vm.prefix}clone`, { source: o.source, mode: o.mode, created: o.createdAt }),
  );
}

/** The clone's domain XML from the source's persistent (inactive) XML. Pure. */
export function cloneDomainXml(sourceXml: string, o: CloneXmlOptions): string {
  const nodes = parseOrderedXml(sourceXml, 'source domain XML');
  const root = rootElement(nodes, 'source domain XML');
  setAttr(root, 'id', undefined);
  const name = childElement(root, 'name');
  if (name !== undefined) setText(name, o.name);
  removeChildren(root, (c) => tagOf(c) === 'uuid');
  const genid = childElement(root, 'genid');
  if (genid !== undefined) removeChildren(genid, () => true);
  const os = childElement(root, 'os');
  const nvram = os === undefined ? undefined : childElement(os, 'nvram');
  if (os !== undefined && nvram !== undefined && o.nvram !== undefined) {
    if (o.nvram === null) removeChildren(os, (c) => tagOf(c) === 'nvram');
    else setText(nvram, o.nvram);
  }
  const devices = childElement(root, 'devices');
  if (devices !== undefined) rewriteDevices(devices, o);
  rewriteMetadata(root, o);
  return buildOrderedXml(nodes);
}
