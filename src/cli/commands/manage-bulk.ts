// Several VMs in one manage command (delete, autostart on|off): one result row per VM (or one JSON
// line each with --json), exit 0 when all succeeded, else the exit code of the first failure.
import { HvError, InterruptedError } from '../../core/errors/index.js';
import { fromLibvirtError } from '../../core/libvirt-errors.js';
import type { CliContext } from '../context.js';
import { printText } from '../render/output.js';
import { renderTable } from '../render/table.js';

interface Row {
  name: string;
  ok: boolean;
  result: string;
  error?: HvError;
}

/** Run `work` for each VM in turn; Ctrl-C stops before the next one (the rest are reported skipped). */
export async function runManageBulk(
  ctx: CliContext,
  names: readonly string[],
  work: (name: string) => Promise<string>,
): Promise<number> {
  const rows: Row[] = [];
  for (const name of names) {
    let row: Row;
    if (ctx.signal.aborted) row = { name, ok: false, result: 'skipped', error: new InterruptedError() };
    else {
      try {
        row = { name, ok: true, result: await work(name) };
      } catch (err) {
        const e = fromLibvirtError(err);
        row = { name, ok: false, result: 'failed', error: e };
      }
    }
    rows.push(row);
    if (ctx.options.json) {
      ctx.stdout.write(
        `${JSON.stringify({ name, ok: row.ok, result: row.result, ...(row.error && row.error.toJSON()) })}\n`,
      );
    }
  }
  if (!ctx.options.json) {
    const table = renderTable(
      rows,
      [
        { header: 'NAME', value: (r) => r.name },
        { header: 'RESULT', value: (r) => r.result },
        { header: 'ERROR', value: (r) => r.error?.message ?? '', flexible: true },
      ],
      ctx.stdout.columns,
    );
    if (rows.some((r) => !r.ok)) ctx.stdout.write(table);
    else printText(ctx, table);
  }
  return rows.find((r) => !r.ok)?.error?.exitCode ?? 0;
}
