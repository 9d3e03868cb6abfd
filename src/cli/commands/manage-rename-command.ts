// Body of `hv vm rename OLD NEW` / `hv rename OLD NEW`.
import { renameVm } from '../../core/vm/manage/rename-vm.js';
import type { CliContext } from '../context.js';
import { printJson, printText } from '../render/output.js';
import { withManageHost } from './manage-session.js';

/** `hv vm rename OLD NEW`. */
export async function vmRename(ctx: CliContext, args: string[]): Promise<number> {
  const [from = '', to = ''] = args;
  const r = await withManageHost(ctx, (client) => renameVm(client, from, to));
  if (ctx.options.json) printJson(ctx, r);
  else {
    const note = r.metadata ? '' : ' (no hv metadata to update)';
    printText(ctx, `renamed VM ${r.from} to ${r.to}${note}; its disk files keep their names`);
  }
  return 0;
}
