// The body of `hv ls` / `hv vm list`: every VM with state, vCPUs, memory and CPU time, from one bulk
// libvirt call. Loaded only when the command runs (see vm-list.ts).
import type { CliContext } from '../context.js';
import { openHost } from '../../core/host/open-host.js';
import { VmService, type VmSummary } from '../../core/vm/vm-service.js';
import { printJson, printText } from '../render/output.js';
import { renderTable, type Column } from '../render/table.js';

/** Options of `hv ls`. */
export interface VmListOptions {
  state?: string;
  tag?: string;
}

function formatCpuTime(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m}m${String(Math.floor(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

const COLUMNS: readonly Column<VmSummary>[] = [
  { header: 'NAME', value: (v) => v.name, flexible: true },
  { header: 'STATE', value: (v) => v.state },
  { header: 'VCPUS', value: (v) => String(v.vcpus), align: 'right' },
  { header: 'MEMORY', value: (v) => `${v.memoryMiB} MiB`, align: 'right' },
  { header: 'CPU-TIME', value: (v) => formatCpuTime(v.cpuTimeSeconds), align: 'right' },
  { header: 'AUTOSTART', value: (v) => (v.autostart ? 'yes' : 'no') },
];

/** The command body. */
export async function vmList(ctx: CliContext, _args: string[], opts: VmListOptions): Promise<number> {
  const client = await openHost(ctx.options.connect, { signal: ctx.signal, readOnly: false });
  try {
    const vms = await new VmService(client).list({
      ...(opts.state !== undefined && { state: opts.state }),
      ...(opts.tag !== undefined && { tag: opts.tag }),
      signal: ctx.signal,
    });
    if (ctx.options.json) {
      printJson(ctx, vms);
    } else if (vms.length === 0) {
      printText(ctx, 'no VMs');
    } else {
      printText(ctx, renderTable(vms, COLUMNS, ctx.stdout.isTTY === true ? ctx.stdout.columns : undefined));
    }
    return 0;
  } finally {
    await client.close();
  }
}
