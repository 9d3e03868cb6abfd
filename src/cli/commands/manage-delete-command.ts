// Body of `hv vm delete NAMES... [--yes] [--keep-disks]` / `hv delete`: plan every VM first (what is
// removed, what is kept and why), confirm on a terminal unless --yes (no terminal and no --yes:
// refuse, exit 4, nothing changed), then delete each, saying when a running VM was forced off.
import { UsageError } from '../../core/errors/index.js';
import { deleteVm } from '../../core/vm/manage/delete-vm.js';
import { planVmDelete, type VmDeletePlan } from '../../core/vm/manage/plan-vm-delete.js';
import type { LibvirtClient } from '../../libvirt/index.js';
import type { CliContext } from '../context.js';
import { printText } from '../render/output.js';
import { selectVms } from '../../core/vm/select/select-vms.js';
import { runBulkCommand } from './bulk-command.js';
import { parallelFromFlags, selectorFromFlags, type SelectorFlags } from './bulk-selector-options.js';
import { askYesNo, canPrompt } from './manage-prompt.js';
import { withManageHost } from './manage-session.js';

/** Flags of `hv vm delete`. */
export interface VmDeleteOptions extends SelectorFlags {
  yes?: boolean;
  keepDisks?: boolean;
}

function describePlan(p: VmDeletePlan, keepDisks: boolean): string {
  const lines = [`VM ${p.name}${p.active ? ' (running: it will be forced off)' : ''}`];
  const removes = [...(keepDisks ? [] : p.disks), ...(p.nvram === undefined ? [] : [`${p.nvram} (NVRAM)`])];
  for (const r of removes) lines.push(`  remove ${r}`);
  if (p.snapshots > 0) lines.push(`  remove the metadata of ${p.snapshots} snapshot(s)`);
  for (const d of keepDisks ? p.disks : []) lines.push(`  keep   ${d} (--keep-disks)`);
  for (const k of p.kept) lines.push(`  keep   ${k.path} (${k.reason})`);
  return lines.join('\n');
}

/** `hv vm delete NAMES...`. */
export async function vmDelete(ctx: CliContext, names: string[], opts: VmDeleteOptions): Promise<number> {
  const keepDisks = opts.keepDisks === true;
  if (opts.yes !== true && !canPrompt(ctx)) {
    throw new UsageError('refusing to delete without --yes: there is no terminal to confirm on');
  }
  const selector = selectorFromFlags(names, opts);
  const parallel = parallelFromFlags(opts);
  const plans = await withManageHost(ctx, async (client, config) => {
    const out: VmDeletePlan[] = [];
    for (const vm of await selectVms(client, selector, { signal: ctx.signal })) {
      out.push(await planVmDelete(client, config, vm.name));
    }
    return out;
  });
  if (plans.length === 0) {
    printText(ctx, 'no VMs selected');
    return 0;
  }
  const text = plans.map((p) => describePlan(p, keepDisks)).join('\n');
  if (opts.yes !== true) {
    ctx.stderr.write(`${text}\n`);
    const what = plans.length === 1 ? `VM ${plans[0]?.name ?? ''}` : `these ${plans.length} VMs`;
    if (!(await askYesNo(ctx, `Delete ${what}? Backups are kept.`, false))) {
      printText(ctx, 'nothing deleted');
      return 1;
    }
  } else if (ctx.options.verbose) printText(ctx, text);
  const byName = new Map(plans.map((p) => [p.name, p]));
  const work = async (client: LibvirtClient, name: string, signal: AbortSignal) => {
    const plan = byName.get(name);
    if (plan === undefined) throw new UsageError(`VM ${name} was not in the confirmed list`);
    const r = await deleteVm(client, plan, { keepDisks, signal });
    const files = r.removed.length === 1 ? '1 file' : `${r.removed.length} files`;
    return {
      outcome: `${r.forcedOff ? 'forced off, ' : ''}deleted (${files} removed, ${r.kept.length} kept)`,
    };
  };
  return runBulkCommand(ctx, { names: [...byName.keys()] }, 'delete', work, { parallel });
}
