// The body of `hv backup restore ID [--as NEW] [--in-place [--keep-old]] [--dir DIR] [--no-verify]`.
import { resolve } from 'node:path';
import { UsageError } from '../../core/errors/index.js';
import type { CliContext } from '../context.js';
import { printJson, printText } from '../render/output.js';
import { progressLine } from '../render/progress-line.js';
import { withBackupSession } from './backup-session.js';

/** Options of `hv backup restore`. */
export interface BackupRestoreOptions {
  as?: string;
  inPlace?: boolean;
  keepOld?: boolean;
  dir?: string;
  verify?: boolean;
}

/** Run `hv backup restore`. */
export async function backupRestore(
  ctx: CliContext,
  id: string,
  opts: BackupRestoreOptions,
): Promise<number> {
  if (opts.keepOld === true && opts.inPlace !== true) throw new UsageError('--keep-old needs --in-place');
  return withBackupSession(ctx, true, async (s) => {
    const progress = progressLine(ctx);
    const r = await s.service
      .restore({
        id,
        ...(opts.as === undefined ? {} : { as: opts.as }),
        inPlace: opts.inPlace === true,
        keepOld: opts.keepOld === true,
        ...(opts.dir === undefined ? {} : { dir: resolve(opts.dir) }),
        verify: opts.verify !== false,
        signal: ctx.signal,
        warn: s.warn,
        onProgress: progress.update,
      })
      .finally(progress.done);
    if (ctx.options.json) printJson(ctx, r);
    else {
      printText(
        ctx,
        `restored ${r.id} as VM ${r.name}${r.newIdentity ? ' (new UUID and MAC addresses)' : ''}`,
      );
      for (const d of r.disks) printText(ctx, `  ${d.target}: ${d.file}`);
      if (r.removedOld.length > 0) printText(ctx, `  removed the old disks: ${r.removedOld.join(', ')}`);
      if (r.keptOld.length > 0) printText(ctx, `  kept the old disks: ${r.keptOld.join(', ')}`);
      if (r.nvram !== undefined) printText(ctx, `  NVRAM: ${r.nvram}`);
      if (r.tpmDir !== undefined) printText(ctx, `  TPM state: ${r.tpmDir}`);
      printText(ctx, '  the next backup of this VM is a full one');
    }
    return 0;
  });
}
