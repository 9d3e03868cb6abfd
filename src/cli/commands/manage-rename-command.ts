// Body of `hv vm rename OLD NEW` / `hv rename OLD NEW`.
import { renameVm } from '../../core/vm/manage/rename-vm.js';
import type { CliContext } from '../context.js';
import { printJson, printText } from '../render/output.js';
import { withManageHost } from './manage-session.js';

/** `hv vm rename OLD NEW`. */
export async function vmRename(ctx: CliContext, args: string[]): Promise<number> {
  const [from = '', to = ''] = args;
  const r = await withManageHost(ctx, (client, config) => renameVm(client, config, from, to));
  if (ctx.options.json) printJson(ctx, r);
  else {
    const lines = [`renamed VM ${r.from} to ${r.to}${r.metadata ? '' : ' (no hv metadata to update)'}`];
    for (const f of r.files) lines.push(`  file renamed: ${f}`);
    if (r.filesKept !== undefined) lines.push(`  files keep their names: ${r.filesKept}`);
    printText(ctx, lines.join('\n'));
  }
  return 0;
}
