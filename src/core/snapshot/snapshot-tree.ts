// Why: libvirt hands snapshots over as a flat list with parent names; people read them as a tree. This
// orders them depth-first (parents before children, siblings oldest first) with depth and children, and
// marks the current one.
import type { SnapshotInfo } from './snapshot-xml.js';

/** A snapshot in the tree. */
export interface SnapshotNode extends SnapshotInfo {
  readonly children: readonly string[];
  readonly current: boolean;
  /** 0 for a root. */
  readonly depth: number;
}

/** All snapshots of a VM in tree order. */
export interface SnapshotTree {
  readonly vm: string;
  readonly current?: string;
  readonly snapshots: readonly SnapshotNode[];
}

/** Arrange `infos` as a tree (a snapshot whose parent is missing becomes a root). */
export function buildSnapshotTree(
  vm: string,
  infos: readonly SnapshotInfo[],
  current?: string,
): SnapshotTree {
  const byName = new Map(infos.map((i) => [i.name, i]));
  const older = (a: SnapshotInfo, b: SnapshotInfo): number =>
    a.createdAt - b.createdAt || a.name.localeCompare(b.name);
  const childrenOf = new Map<string, SnapshotInfo[]>();
  const roots: SnapshotInfo[] = [];
  for (const i of infos) {
    if (i.parent !== undefined && byName.has(i.parent)) {
      const list = childrenOf.get(i.parent) ?? [];
      list.push(i);
      childrenOf.set(i.parent, list);
    } else {
      roots.push(i);
    }
  }
  const out: SnapshotNode[] = [];
  const visit = (i: SnapshotInfo, depth: number): void => {
    const kids = (childrenOf.get(i.name) ?? []).sort(older);
    out.push({ ...i, children: kids.map((k) => k.name), current: i.name === current, depth });
    for (const k of kids) visit(k, depth + 1);
  };
  for (const r of roots.sort(older)) visit(r, 0);
  return { vm, ...(current === undefined ? {} : { current }), snapshots: out };
}
