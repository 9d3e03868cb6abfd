// The body of `hv backup list [VM]`: the catalog as a table (or JSON): id, VM, time, type, size, parent,
// last verification and protection.
import type { CatalogEntry } from '../../core/backup/backup-catalog.js';
import { formatSize } from '../../core/validate/format-size.js';
import type { CliContext } from '../context.js';
import { printJson, printText } from '../render/output.js';
import { renderTable, type Column } from '../render/table.js';
import { withBackupSession } from './backup-session.js';

/** `2026-11-26 19:24` in the local zone of the process. */
function localMinute(iso: string): string {
  const d = new Date(iso);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

function verified(e: CatalogEntry): string {
  if (e.verifyResult === null || e.verifiedAt === null) return '-';
  return `${e.verifyResult === 'ok' ? 'ok' : 'FAILED'} ${localMinute(e.verifiedAt)}`;
}

const COLUMNS: readonly Column<CatalogEntry>[] = [
  { header: 'ID', value: (e) => e.id, flexible: true },
  { header: 'VM', value: (e) => e.vm },
  { header: 'TIME', value: (e) => localMinute(e.startedAt) },
  { header: 'TYPE', value: (e) => (e.mode === 'offline' ? `${e.type} (offline)` : e.type) },
  { header: 'SIZE', value: (e) => formatSize(e.sizeBytes), align: 'right' },
  { header: 'PARENT', value: (e) => e.parent ?? '-' },
  { header: 'VERIFIED', value: verified },
  { header: 'PROTECTED', value: (e) => (e.protected ? 'yes' : '-') },
];

/** Run `hv backup list`. */
export async function backupList(ctx: CliContext, vm: string | undefined): Promise<number> {
  return withBackupSession(ctx, false, (s) => {
    const entries = s.service.list(vm);
    if (ctx.options.json) printJson(ctx, entries);
    else if (entries.length === 0) printText(ctx, vm === undefined ? 'no backups' : `no backups of ${vm}`);
    else
      printText(
        ctx,
        renderTable(entries, COLUMNS, ctx.stdout.isTTY === true ? ctx.stdout.columns : undefined),
      );
    return Promise.resolve(0);
  });
}
