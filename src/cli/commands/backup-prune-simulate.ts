// `hv backup prune --simulate FILE`: the retention rules applied to a list of timestamps, as Proxmox's
// prune simulator does, so a setting can be tried before it touches real backups.
import { readFile } from 'node:fs/promises';
import { StorageError, UsageError } from '../../core/errors/index.js';
import { hostTimeZone, simulatePrune, validateTimeZone } from '../../core/retention/index.js';
import type { CliContext } from '../context.js';
import { printJson, printText } from '../render/output.js';
import { renderTable } from '../render/table.js';
import type { BackupPruneOptions } from './backup-prune.js';
import { retentionFromFlags } from './retention-flags.js';

async function readInput(ctx: CliContext, file: string): Promise<string> {
  if (file === '-') {
    let text = '';
    for await (const chunk of ctx.stdin) text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    return text;
  }
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new StorageError(`--simulate ${file}: ${code === 'ENOENT' ? 'no such file' : String(err)}`, {
      code: code === 'ENOENT' ? 'STORAGE_NOT_FOUND' : 'STORAGE_ERROR',
      cause: err,
      details: { path: file },
    });
  }
}

/** The command body for `hv backup prune --simulate FILE [--tz ZONE] --keep-...`. */
export async function backupPruneSimulate(
  ctx: CliContext,
  args: string[],
  file: string,
  opts: BackupPruneOptions,
): Promise<number> {
  if (args.length > 0) throw new UsageError('--simulate works on a file of timestamps and takes no VM');
  if (opts.dryRun === true) throw new UsageError('--simulate never removes anything; drop --dry-run');
  const retention = retentionFromFlags(opts);
  const zone = opts.tz === undefined ? hostTimeZone() : validateTimeZone('--tz', opts.tz);
  const source = file === '-' ? 'stdin' : file;
  const result = simulatePrune(await readInput(ctx, file), source, retention, zone);
  if (ctx.options.json) {
    printJson(ctx, { keep: result.keep, remove: result.remove, timeZone: result.timeZone });
    return 0;
  }
  const origin = opts.tz === undefined ? 'the host zone; --tz to change' : '--tz';
  printText(ctx, `time zone: ${result.timeZone} (${origin})`);
  printText(
    ctx,
    renderTable(result.decisions, [
      { header: 'TIMESTAMP', value: (d) => d.timestamp },
      { header: 'MARK', value: (d) => d.mark },
      { header: 'REASON', value: (d) => d.reason, flexible: true },
    ]),
  );
  printText(ctx, `${result.keep.length} kept, ${result.remove.length} removed`);
  return 0;
}
