// Body of `hv vm clone SRC NEW [--linked|--full] [--start]`: cloneVm with copy progress on a terminal
// (stderr, one line per disk rewritten in place), the result as text or JSON. HV_TEST_FAIL_AT (tests
// only) injects a failure after a step, as for create.
import { cloneVm } from '../../core/vm/clone/clone-vm.js';
import { UsageError } from '../../core/errors/index.js';
import type { CliContext } from '../context.js';
import { printJson, printText } from '../render/output.js';
import { withManageHost } from './manage-session.js';

/** Options of `hv vm clone`. */
export interface VmCloneOptions {
  linked?: boolean;
  full?: boolean;
  start?: boolean;
}

/** `hv vm clone`. */
export async function vmClone(ctx: CliContext, args: string[], opts: VmCloneOptions): Promise<number> {
  if (opts.linked === true && opts.full === true)
    throw new UsageError('hv vm clone: --linked and --full exclude each other');
  const [source = '', name = ''] = args;
  const tty = ctx.stderr.isTTY === true && !ctx.options.quiet && !ctx.options.json;
  let shown = '';
  const failAt = ctx.env.HV_TEST_FAIL_AT;
  const cloned = await withManageHost(ctx, (client, config) =>
    cloneVm(client, {
      config,
      source,
      name,
      mode: opts.linked === true ? 'linked' : 'full',
      start: opts.start === true,
      signal: ctx.signal,
      warn: (m) => {
        if (!ctx.options.quiet) ctx.stderr.write(`hv: warning: ${m}\n`);
      },
      ...(tty && {
        onProgress: (target: string, done: number, total: number) => {
          const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
          const line = `copying ${target}: ${pct}%`;
          if (line === shown) return;
          ctx.stderr.write(`\r${line}${pct >= 100 ? '\n' : ''}`);
          shown = line;
        },
      }),
      ...(failAt !== undefined && failAt !== '' && { failAt }),
    }),
  );
  if (ctx.options.json) printJson(ctx, cloned);
  else {
    printText(
      ctx,
      `cloned ${cloned.source} to ${cloned.name} (${cloned.mode}, ${cloned.uuid}); ` +
        `volumes: ${cloned.volumes.join(', ') || 'none'}` +
        (cloned.macs.length > 0 ? `; MACs: ${cloned.macs.join(', ')}` : '') +
        (cloned.started ? '; started' : ''),
    );
  }
  return 0;
}
