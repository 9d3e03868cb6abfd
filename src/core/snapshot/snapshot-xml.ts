// Why: snapshots are described to and by libvirt in <domainsnapshot> XML. This builds that XML from a
// plan (escaped through the shared XML writer) and reads libvirt's answer into a plain record: tree
// position, time, state, internal/external, the memory file libvirt will not delete, and the policy tag.
import { XMLParser } from 'fast-xml-parser';
import { ValidationError } from '../errors/index.js';
import { el, renderXml } from '../profile/domain-xml/xml-builder.js';
import type { SnapshotPlan } from './plan-snapshot.js';
import { splitDescription } from './snapshot-description.js';

/** One snapshot as libvirt describes it. */
export interface SnapshotInfo {
  readonly name: string;
  readonly parent?: string;
  /** The user's description (without the policy tag). */
  readonly description: string;
  /** The policy that made it, from the `hv-policy:` tag. */
  readonly policy?: string;
  /** Creation time, epoch ms. */
  readonly createdAt: number;
  /** Domain state when taken: running, paused, shutoff, disk-snapshot... */
  readonly state: string;
  readonly kind: 'internal' | 'external';
  readonly memory: 'internal' | 'external' | 'no';
  readonly memoryFile?: string;
  /** Disks: how each was snapshotted; external ones name their overlay. */
  readonly disks: readonly { target: string; snapshot: string; file?: string }[];
  /** External: the files the snapshot froze (the disks' sources when it was taken). */
  readonly frozenFiles: readonly string[];
}

/** `<domainsnapshot>` XML for a plan. Internal snapshots leave memory and disks to libvirt's defaults. */
export function snapshotXml(name: string, plan: SnapshotPlan, description?: string): string {
  const external = plan.kind === 'external';
  return renderXml(
    el(
      'domainsnapshot',
      {},
      el('name', {}, name),
      description !== undefined && el('description', {}, description),
      external && el('memory', { snapshot: plan.memory, file: plan.memoryFile }),
      external &&
        el(
          'disks',
          {},
          plan.disks.map((d) =>
            d.snapshot === 'external'
              ? el(
                  'disk',
                  { name: d.target, snapshot: 'external', type: 'file' },
                  el('driver', { type: 'qcow2' }),
                  el('source', { file: d.file }),
                )
              : el('disk', { name: d.target, snapshot: d.snapshot }),
          ),
        ),
    ),
  );
}

type Node = Record<string, unknown>;
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => name === 'disk',
});
const asNode = (v: unknown): Node | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : undefined;
const attr = (n: Node | undefined, name: string): string | undefined => {
  const v = n?.[`@_${name}`];
  return typeof v === 'string' ? v : undefined;
};
const text = (v: unknown): string | undefined =>
  typeof v === 'string'
    ? v
    : typeof asNode(v)?.['#text'] === 'string'
      ? (asNode(v)?.['#text'] as string)
      : undefined;
const disksOf = (v: unknown): Node[] =>
  Array.isArray(asNode(v)?.disk) ? (asNode(v)?.disk as unknown[]).map((d) => asNode(d) ?? {}) : [];

/**
 * Read libvirt's `<domainsnapshot>` XML (GetXMLDesc).
 * @throws ValidationError when it is not snapshot XML.
 */
export function parseSnapshotXml(xml: string): SnapshotInfo {
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (err) {
    throw new ValidationError('snapshot XML', 'is not well-formed XML', { cause: err });
  }
  const s = asNode(doc.domainsnapshot);
  const name = text(s?.name);
  if (s === undefined || name === undefined)
    throw new ValidationError('snapshot XML', 'has no <domainsnapshot><name>');
  const { text: description, policy } = splitDescription(text(s.description));
  const memoryNode = asNode(s.memory);
  const memoryAttr = attr(memoryNode, 'snapshot');
  const memory = memoryAttr === 'internal' || memoryAttr === 'external' ? memoryAttr : 'no';
  const memoryFile = attr(memoryNode, 'file');
  const disks = disksOf(s.disks).map((d) => {
    const file = attr(asNode(d.source), 'file');
    return {
      target: attr(d, 'name') ?? '?',
      snapshot: attr(d, 'snapshot') ?? 'no',
      ...(file === undefined ? {} : { file }),
    };
  });
  const external = memory === 'external' || disks.some((d) => d.snapshot === 'external');
  const externalTargets = new Set(disks.filter((d) => d.snapshot === 'external').map((d) => d.target));
  const frozenFiles = disksOf(asNode(asNode(s.domain)?.devices))
    .filter((d) => externalTargets.has(attr(asNode(d.target), 'dev') ?? ''))
    .map((d) => attr(asNode(d.source), 'file') ?? attr(asNode(d.source), 'dev'))
    .filter((p): p is string => p !== undefined);
  const parent = text(asNode(s.parent)?.name);
  const created = Number(text(s.creationTime) ?? '0');
  return {
    name,
    ...(parent === undefined ? {} : { parent }),
    description,
    ...(policy === undefined ? {} : { policy }),
    createdAt: Number.isFinite(created) ? created * 1000 : 0,
    state: text(s.state) ?? 'unknown',
    kind: external ? 'external' : 'internal',
    memory,
    ...(memoryFile === undefined ? {} : { memoryFile }),
    disks,
    frozenFiles,
  };
}
