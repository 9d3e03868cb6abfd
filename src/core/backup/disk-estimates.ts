// Why: the free-space check and the full/incremental decision need numbers per disk: the size the guest
// sees, how much data a full copy will write (allocated bytes of the whole backing chain) and how much
// an incremental will (the checkpoint's changed bytes, which libvirt reports with the SIZE flag).
import {
  DomainCheckpointXMLFlags,
  DomainStatsTypes,
  type DomainRef,
  type LibvirtClient,
} from '../../libvirt/index.js';
import { fromLibvirtError } from '../libvirt-errors.js';
import type { DomainDisk } from './domain-disks.js';
import { imageInfo } from './qemu-img.js';
import {
  attrOf,
  childElement,
  childElements,
  parseOrderedXml,
  rootElement,
} from '../domain-xml/ordered-xml.js';

/** Sizes of one disk. */
export interface DiskSizes {
  readonly target: string;
  /** Guest-visible size in bytes. */
  readonly virtualSize: number;
  /**
   * Upper bound of what a full backup writes for it (allocated bytes of its chain, from qemu-img):
   * asked only when needed, as an incremental backup needs it for no disk whose changes libvirt counts.
   */
  fullBytes(): Promise<number>;
}

function num(v: unknown): number | undefined {
  return typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : undefined;
}

/** Capacity of each disk by target, from domain block stats (works for every disk type). */
async function capacities(client: LibvirtClient, dom: DomainRef): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  try {
    const [rec] = await client.domains.getAllDomainStats([dom], DomainStatsTypes.BLOCK);
    const s = rec?.stats ?? {};
    const count = num(s['block.count']) ?? 0;
    for (let i = 0; i < count; i++) {
      const name = s[`block.${i}.name`];
      const cap = num(s[`block.${i}.capacity`]);
      if (typeof name === 'string' && cap !== undefined && !out.has(name)) out.set(name, cap);
    }
  } catch (err) {
    throw fromLibvirtError(err, `VM ${dom.name}`);
  }
  return out;
}

/** Guest-visible size and allocated bytes of a file or block disk's whole chain (qemu-img). */
async function imageSizes(d: DomainDisk, shared: boolean): Promise<{ virtual?: number; full?: number }> {
  if (d.source === undefined || (d.type !== 'file' && d.type !== 'block')) return {};
  const chain = await imageInfo(d.source, { shared, chain: true });
  const allocated = chain.reduce((n, i) => n + i.actualSize, 0);
  const virtual = chain[0]?.virtualSize;
  // Block devices report no allocation: count them in full.
  return {
    ...(virtual === undefined ? {} : { virtual }),
    ...(d.type === 'block' || allocated === 0 ? {} : { full: allocated }),
  };
}

/**
 * Sizes of `disks`; `shared` reads images with -U (the VM runs on them). The guest-visible size comes
 * from libvirt's block stats (no qemu-img run unless they lack a disk).
 */
export async function diskSizes(
  client: LibvirtClient,
  dom: DomainRef,
  disks: readonly DomainDisk[],
  shared: boolean,
): Promise<DiskSizes[]> {
  const caps = await capacities(client, dom);
  return Promise.all(
    disks.map(async (d): Promise<DiskSizes> => {
      let images: Promise<{ virtual?: number; full?: number }> | undefined;
      const image = (): Promise<{ virtual?: number; full?: number }> => (images ??= imageSizes(d, shared));
      const v = caps.get(d.target) ?? (await image()).virtual ?? 0;
      return {
        target: d.target,
        virtualSize: v,
        fullBytes: async () => Math.min((await image()).full ?? v, v) || v,
      };
    }),
  );
}

/** Bytes changed since checkpoint `name` per disk target (libvirt's SIZE flag). */
export async function checkpointChangedBytes(
  client: LibvirtClient,
  dom: DomainRef,
  name: string,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  try {
    const ck = await client.checkpoints.lookupByName(dom, name);
    const xml = await client.checkpoints.getXmlDesc(
      ck,
      DomainCheckpointXMLFlags.SIZE | DomainCheckpointXMLFlags.NO_DOMAIN,
    );
    const root = rootElement(parseOrderedXml(xml, 'checkpoint XML'));
    for (const d of childElements(childElement(root, 'disks') ?? {}, 'disk')) {
      const target = attrOf(d, 'name');
      const size = Number(attrOf(d, 'size') ?? NaN);
      if (target !== undefined && Number.isFinite(size)) out.set(target, size);
    }
  } catch (err) {
    throw fromLibvirtError(err, `checkpoint ${name} of VM ${dom.name}`);
  }
  return out;
}
