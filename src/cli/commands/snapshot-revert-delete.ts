// `hv snapshot revert VM NAME` and `hv snapshot delete VM NAME`: thin bodies over SnapshotService.
import { UsageError } from '../../core/errors/index.js';
import type { CliContext } from '../context.js';
import { printJson, printText } from '../render/output.js';
import { withSnapshots } from './snapshot-session.js';

function vmAndName(args: string[], verb: string): [string, string] {
  const [vm, name] = args;
  if (vm === undefined || name === undefined)
    throw new UsageError(`hv snapshot ${verb} needs a VM and a snapshot name`);
  return [vm, name];
}

/** `hv snapshot revert VM NAME [--running|--paused]`. */
export async function snapshotRevert(
  ctx: CliContext,
  args: string[],
  opts: { running?: boolean; paused?: boolean },
): Promise<number> {
  const [vm, name] = vmAndName(args, 'revert');
  if (opts.running === true && opts.paused === true)
    throw new UsageError('give --running or --paused, not both');
  const start = opts.running === true ? 'running' : opts.paused === true ? 'paused' : undefined;
  return withSnapshots(ctx, async (service) => {
    const info = await service.revert(vm, name, start === undefined ? {} : { start });
    if (ctx.options.json)
      printJson(ctx, { vm, reverted: info.name, state: info.state, start: start ?? null });
    else printText(ctx, `${vm} reverted to snapshot ${info.name} (taken ${info.state})`);
    return 0;
  });
}

/** `hv snapshot delete VM NAME [--children]`. */
export async function snapshotDelete(
  ctx: CliContext,
  args: string[],
  opts: { children?: boolean },
): Promise<number> {
  const [vm, name] = vmAndName(args, 'delete');
  return withSnapshots(ctx, async (service) => {
    const r = await service.delete(vm, name, { children: opts.children === true });
    if (ctx.options.json) {
      printJson(ctx, r);
      return 0;
    }
    printText(ctx, `deleted ${r.deleted.join(', ')} of ${vm}`);
    for (const f of r.removedFiles) printText(ctx, `  removed memory file ${f}`);
    for (const f of r.leftFiles)
      ctx.stderr.write(`hv: warning: could not remove memory file ${f} on the host\n`);
    return 0;
  });
}
