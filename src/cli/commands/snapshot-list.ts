// `hv snapshot list VM`: the snapshot tree with the current one marked, time, state, kind and policy.
import { UsageError } from '../../core/errors/index.js';
import type { SnapshotNode } from '../../core/snapshot/index.js';
import type { CliContext } from '../context.js';
import { printJson, printText } from '../render/output.js';
import { renderTable, type Column } from '../render/table.js';
import { withSnapshots } from './snapshot-session.js';

/** Tree glyphs: `├─ ` / `└─ ` under a parent, `│  ` to continue a branch. */
function treeNames(nodes: readonly SnapshotNode[]): Map<string, string> {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const isLast = (n: SnapshotNode): boolean => {
    const siblings = n.parent !== undefined ? byName.get(n.parent)?.children : undefined;
    if (siblings === undefined) return true;
    return siblings[siblings.length - 1] === n.name;
  };
  const out = new Map<string, string>();
  for (const n of nodes) {
    let prefix = '';
    if (n.depth > 0) {
      prefix = isLast(n) ? '└─ ' : '├─ ';
      let up = n.parent === undefined ? undefined : byName.get(n.parent);
      while (up !== undefined && up.depth > 0) {
        prefix = (isLast(up) ? '   ' : '│  ') + prefix;
        up = up.parent === undefined ? undefined : byName.get(up.parent);
      }
    }
    out.set(n.name, prefix + n.name);
  }
  return out;
}

const time = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

/** The command body. */
export async function snapshotList(ctx: CliContext, args: string[]): Promise<number> {
  const vm = args[0];
  if (vm === undefined) throw new UsageError('hv snapshot list needs a VM');
  return withSnapshots(ctx, async (service) => {
    const tree = await service.list(vm);
    if (ctx.options.json) {
      printJson(
        ctx,
        tree.snapshots.map((s) => ({ ...s, createdAt: new Date(s.createdAt).toISOString() })),
      );
      return 0;
    }
    if (tree.snapshots.length === 0) {
      printText(ctx, `${vm} has no snapshots`);
      return 0;
    }
    const names = treeNames(tree.snapshots);
    const columns: Column<SnapshotNode>[] = [
      { header: 'NAME', value: (s) => names.get(s.name) ?? s.name },
      { header: 'CURRENT', value: (s) => (s.current ? '*' : '') },
      { header: 'CREATED', value: (s) => time(s.createdAt) },
      { header: 'STATE', value: (s) => s.state },
      { header: 'KIND', value: (s) => (s.memory === 'no' ? `${s.kind} disk-only` : s.kind) },
      { header: 'POLICY', value: (s) => s.policy ?? '' },
      { header: 'DESCRIPTION', value: (s) => s.description.split('\n')[0] ?? '', flexible: true },
    ];
    printText(
      ctx,
      renderTable(tree.snapshots, columns, ctx.stdout.isTTY === true ? ctx.stdout.columns : undefined),
    );
    return 0;
  });
}
