// Bodies of `hv template create|list|rm`.
import { createTemplate } from '../../core/template/create-template.js';
import { listTemplates, type TemplateSummary } from '../../core/template/list-templates.js';
import { removeTemplate } from '../../core/template/remove-template.js';
import type { CliContext } from '../context.js';
import { printJson, printText } from '../render/output.js';
import { renderTable, type Column } from '../render/table.js';
import { withManageHost } from './manage-session.js';

const COLUMNS: readonly Column<TemplateSummary>[] = [
  { header: 'NAME', value: (t) => t.name },
  { header: 'SEALED', value: (t) => t.sealedAt.slice(0, 19).replace('T', ' ') },
  { header: 'FROM', value: (t) => t.source ?? '-' },
  { header: 'DISKS', value: (t) => String(t.disks.length), align: 'right' },
  {
    header: 'LINKED CLONES',
    value: (t) => (t.linkedClones.length === 0 ? '-' : t.linkedClones.join(',')),
    flexible: true,
  },
];

/** `hv template create VM [--name T] [--reset-identity]`. */
export async function templateCreate(
  ctx: CliContext,
  vm: string,
  opts: { name?: string; resetIdentity?: boolean },
): Promise<number> {
  const made = await withManageHost(ctx, (client, config) =>
    createTemplate(client, config, vm, {
      ...(opts.name !== undefined && { name: opts.name }),
      resetIdentity: opts.resetIdentity === true,
      signal: ctx.signal,
    }),
  );
  if (ctx.options.json) printJson(ctx, made);
  else {
    printText(
      ctx,
      `sealed ${made.source} as template ${made.name}; read-only disks: ${made.disks.join(', ') || 'none'}` +
        (made.identityReset ? '; cloud-init instance-id cleared' : ''),
    );
  }
  return 0;
}

/** `hv template list [--json]`. */
export async function templateList(ctx: CliContext): Promise<number> {
  const rows = await withManageHost(ctx, (client) => listTemplates(client));
  if (ctx.options.json) printJson(ctx, rows);
  else if (rows.length === 0) printText(ctx, 'no templates (hv template create VM)');
  else printText(ctx, renderTable(rows, COLUMNS, ctx.stdout.isTTY === true ? ctx.stdout.columns : undefined));
  return 0;
}

/** `hv template rm T`. */
export async function templateRm(ctx: CliContext, name: string): Promise<number> {
  const done = await withManageHost(ctx, (client, config) =>
    removeTemplate(client, config, name, { signal: ctx.signal }),
  );
  if (ctx.options.json) printJson(ctx, done);
  else printText(ctx, `removed template ${done.name}; files: ${done.removed.join(', ') || 'none'}`);
  return 0;
}
