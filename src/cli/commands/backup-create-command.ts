// The body of `hv backup create VM... [--full] [--target DIR]`: one backup per VM, in turn; a failure of
// one VM is reported and the others still run; the exit status is that of the first failure.
import { resolve } from 'node:path';
import type { CreatedBackup } from '../../core/backup/create-backup.js';
import { HvError } from '../../core/errors/index.js';
import { formatSize } from '../../core/validate/format-size.js';
import { validateName } from '../../core/validate/validate-name.js';
import type { CliContext } from '../context.js';
import { printError, printJson, printText } from '../render/output.js';
import { progressLine } from '../render/progress-line.js';
import { toHvError } from '../to-hv-error.js';
import { withBackupSession } from './backup-session.js';

/** Options of `hv backup create`. */
export interface BackupCreateOptions {
  full?: boolean;
  target?: string;
  compress?: boolean;
  spaceCheck?: boolean;
}

function describe(b: CreatedBackup): string {
  const why = b.type === 'full' && b.fullReason !== undefined ? ` (${b.fullReason})` : '';
  const parent = b.parent === null ? '' : ` on ${b.parent}`;
  return `${b.id}: ${b.type}${parent}${why}, ${formatSize(b.sizeBytes)}, ${b.consistency}, ${b.seconds.toFixed(1)} s`;
}

/** Run `hv backup create`. */
export async function backupCreate(
  ctx: CliContext,
  vms: readonly string[],
  opts: BackupCreateOptions,
): Promise<number> {
  for (const vm of vms) validateName('vm', vm);
  return withBackupSession(ctx, true, async (s) => {
    const done: CreatedBackup[] = [];
    let firstFailure: HvError | undefined;
    for (const vm of vms) {
      const progress = progressLine(ctx);
      try {
        const b = await s.service.create({
          vm,
          full: opts.full === true,
          ...(opts.target === undefined ? {} : { target: resolve(opts.target) }),
          ...(opts.compress === undefined ? {} : { compress: opts.compress }),
          spaceCheck: opts.spaceCheck !== false,
          signal: ctx.signal,
          warn: s.warn,
          onProgress: progress.update,
        });
        progress.done();
        done.push(b);
        if (!ctx.options.json) printText(ctx, describe(b));
        s.info(`backup ${b.id} done`);
      } catch (err) {
        progress.done();
        const e = toHvError(err);
        if (vms.length === 1 || ctx.signal.aborted) throw e;
        firstFailure ??= e;
        printError(ctx, e);
      }
    }
    if (ctx.options.json) printJson(ctx, done);
    return firstFailure?.exitCode ?? 0;
  });
}
