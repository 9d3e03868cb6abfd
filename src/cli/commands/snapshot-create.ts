// `hv snapshot create VM [NAME]`: internal where libvirt can, external otherwise; says which and why.
import { UsageError } from '../../core/errors/index.js';
import type { CliContext } from '../context.js';
import { printJson, printText } from '../render/output.js';
import { withSnapshots } from './snapshot-session.js';

/** Options of `hv snapshot create`. */
export interface SnapshotCreateOptions {
  description?: string;
  diskOnly?: boolean;
  quiesce?: boolean;
  memory?: boolean;
}

/** The command body. */
export async function snapshotCreate(
  ctx: CliContext,
  args: string[],
  opts: SnapshotCreateOptions,
): Promise<number> {
  const [vm, name] = args;
  if (vm === undefined) throw new UsageError('hv snapshot create needs a VM');
  return withSnapshots(ctx, async (service) => {
    const r = await service.create(vm, {
      name,
      description: opts.description,
      diskOnly: opts.diskOnly,
      quiesce: opts.quiesce,
      noMemory: opts.memory === false,
      signal: ctx.signal,
    });
    if (ctx.options.json) {
      printJson(ctx, { vm, ...r.snapshot, plan: r.plan });
      return 0;
    }
    const memory =
      r.plan.memory === 'no'
        ? 'disks only'
        : r.plan.memory === 'external'
          ? `memory in ${r.plan.memoryFile ?? '?'}`
          : 'with memory';
    printText(ctx, `snapshot ${r.snapshot.name} of ${vm} taken: ${r.plan.kind}, ${memory}`);
    printText(ctx, `  ${r.plan.why}`);
    for (const d of r.plan.disks)
      if (d.file !== undefined) printText(ctx, `  ${d.target}: now writes to ${d.file}`);
    return 0;
  });
}
