// The body of `hv backup verify ID|VM... | --all [--boot-test]`: re-hash, qemu-img check and chain check
// (recorded in the catalog); with --boot-test also boot the newest selected backup of each VM (or each
// named id) in a throwaway VM. Either way it first removes what interrupted boot tests left (the boot
// test itself does so under --boot-test). Exit 11 when anything is wrong.
import { CheckFailedError, UsageError } from '../../core/errors/index.js';
import type { BootTestResult } from '../../core/backup/boot-test-backup.js';
import type { BackupService } from '../../core/backup/backup-service.js';
import { validateInt } from '../../core/validate/validate-int.js';
import type { CliContext } from '../context.js';
import { printJson, printText } from '../render/output.js';
import { progressLine } from '../render/progress-line.js';
import { withBackupSession } from './backup-session.js';

/** Options of `hv backup verify`. */
export interface BackupVerifyOptions {
  all?: boolean;
  bootTest?: boolean;
  timeout?: string;
  marker?: string;
  scratch?: string;
}

/** Split arguments into backup ids and VM names (an argument that is a backup id wins). */
function classify(service: BackupService, args: readonly string[]): { ids: string[]; vms: string[] } {
  const ids: string[] = [];
  const vms: string[] = [];
  for (const a of args) (service.catalog.get(a) !== undefined ? ids : vms).push(a);
  return { ids, vms };
}

/** Which backups to boot: named ids, else the newest of each selected VM. */
function bootTargets(service: BackupService, sel: { ids: string[]; vms: string[] }, all: boolean): string[] {
  const vms = all ? service.catalog.vms() : sel.vms;
  return [
    ...sel.ids,
    ...vms.map((vm) => service.list(vm).at(-1)?.id).filter((id): id is string => id !== undefined),
  ];
}

/** Run `hv backup verify`. */
export async function backupVerify(
  ctx: CliContext,
  args: readonly string[],
  opts: BackupVerifyOptions,
): Promise<number> {
  if (args.length === 0 && opts.all !== true) throw new UsageError('name a backup id or VM, or give --all');
  const timeoutMs =
    opts.timeout === undefined
      ? undefined
      : validateInt('timeout', opts.timeout, { min: 1, max: 86_400 }) * 1000;
  // Without --boot-test libvirt is optional: used (when it answers) to remove what killed boot tests left.
  return withBackupSession(ctx, opts.bootTest === true || 'optional', async (s) => {
    if (opts.bootTest !== true) await s.service.cleanBootTests(s.warn);
    const sel = classify(s.service, args);
    const progress = progressLine(ctx);
    const results = await s.service.verify({
      ...sel,
      all: opts.all === true,
      signal: ctx.signal,
      onProgress: progress.update,
    });
    progress.done();
    const boots: BootTestResult[] = [];
    if (opts.bootTest === true) {
      for (const id of bootTargets(s.service, sel, opts.all === true)) {
        boots.push(
          await s.service.bootTest({
            id,
            ...(timeoutMs === undefined ? {} : { timeoutMs }),
            ...(opts.marker === undefined ? {} : { marker: opts.marker }),
            ...(opts.scratch === undefined ? {} : { scratchDir: opts.scratch }),
            signal: ctx.signal,
            warn: s.warn,
            onProgress: progress.update,
          }),
        );
        progress.done();
      }
    }
    if (ctx.options.json) printJson(ctx, { results, bootTests: boots });
    else {
      for (const r of results)
        printText(
          ctx,
          r.ok ? `${r.id}: ok (${r.files} files)` : `${r.id}: FAILED\n  ${r.problems.join('\n  ')}`,
        );
      for (const b of boots) printText(ctx, `${b.id}: ${b.detail} (VM ${b.vm}, removed)`);
    }
    const bad = results.filter((r) => !r.ok).length + boots.filter((b) => !b.ok).length;
    if (bad > 0) {
      throw new CheckFailedError(`${bad} backup check${bad === 1 ? '' : 's'} failed`, {
        details: {
          failed: [
            ...results.filter((r) => !r.ok).map((r) => r.id),
            ...boots.filter((b) => !b.ok).map((b) => b.id),
          ],
        },
      });
    }
    return 0;
  });
}
