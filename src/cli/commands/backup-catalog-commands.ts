// The bodies of `hv backup reindex [--target DIR...]` and `hv backup protect|unprotect ID`.
import { resolve } from 'node:path';
import type { CliContext } from '../context.js';
import { printJson, printText } from '../render/output.js';
import { withBackupSession } from './backup-session.js';

/** Run `hv backup reindex`. */
export async function backupReindex(ctx: CliContext, targets: readonly string[]): Promise<number> {
  return withBackupSession(ctx, false, async (s) => {
    const r = await s.service.reindex(targets.length === 0 ? undefined : targets.map((t) => resolve(t)));
    if (ctx.options.json) printJson(ctx, r);
    else {
      printText(
        ctx,
        `${r.added.length} added, ${r.updated.length} refreshed, ${r.removed.length} removed from the catalog`,
      );
      for (const i of r.incomplete) printText(ctx, `  incomplete (left alone): ${i.dir}: ${i.reason}`);
      for (const p of r.partial) printText(ctx, `  interrupted (the next backup of its VM removes it): ${p}`);
    }
    return 0;
  });
}

/** Run `hv backup protect ID` (value true) or `hv backup unprotect ID`. */
export async function backupProtect(ctx: CliContext, id: string, value: boolean): Promise<number> {
  return withBackupSession(ctx, false, async (s) => {
    const e = await s.service.protect(id, value);
    if (ctx.options.json) printJson(ctx, e);
    else
      printText(
        ctx,
        `${e.id}: ${e.protected ? 'protected (prune never removes it)' : 'no longer protected'}`,
      );
    return 0;
  });
}
