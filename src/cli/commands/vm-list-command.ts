// The body of `hv ls` / `hv vm list`: every VM with state, vCPUs, memory, CPU time, addresses, autostart
// and tags, from one bulk libvirt call (plus, with --cpu-usage, a second CPU sample). Loaded only when
// the command runs (see vm-list.ts).
import type { CliContext } from '../context.js';
import { openHost } from '../../core/host/open-host.js';
import { hostUri } from '../host-uri.js';
import { VmService, type VmListRow } from '../../core/vm/vm-service.js';
import { CPU_SAMPLE_MS } from '../../core/vm/info/cpu-percent.js';
import { colourState } from '../render/colour.js';
import { formatCpuTime } from '../render/format-cpu-time.js';
import { printJson, printText } from '../render/output.js';
import { renderTable, type Column } from '../render/table.js';

/** Options of `hv ls`. */
export interface VmListOptions {
  state?: string;
  tag?: string;
  /** --cpu-usage: sample twice and show CPU %. */
  cpuUsage?: boolean;
}

function columns(colour: boolean, cpuUsage: boolean): Column<VmListRow>[] {
  const cpu: Column<VmListRow> = cpuUsage
    ? {
        header: 'CPU%',
        value: (v) => (v.cpuPercent === null ? '-' : v.cpuPercent.toFixed(1)),
        align: 'right',
      }
    : { header: 'CPU TIME', value: (v) => formatCpuTime(v.cpuTimeSeconds), align: 'right' };
  return [
    { header: 'NAME', value: (v) => v.name, flexible: true },
    { header: 'STATE', value: (v) => colourState(v.state, colour) },
    { header: 'VCPUS', value: (v) => String(v.vcpus), align: 'right' },
    { header: 'MEMORY', value: (v) => `${v.memoryMiB} MiB`, align: 'right' },
    cpu,
    {
      header: 'IP',
      value: (v) => (v.ipAddresses.length > 0 ? v.ipAddresses.join(',') : '-'),
      flexible: true,
    },
    { header: 'AUTOSTART', value: (v) => (v.autostart ? 'yes' : 'no') },
    { header: 'TAGS', value: (v) => (v.tags.length > 0 ? v.tags.join(',') : '-'), flexible: true },
  ];
}

/** The command body. */
export async function vmList(ctx: CliContext, _args: string[], opts: VmListOptions): Promise<number> {
  const client = await openHost(await hostUri(ctx), { signal: ctx.signal, readOnly: false });
  try {
    const service = new VmService(client);
    const filter = {
      ...(opts.state !== undefined && { state: opts.state }),
      ...(opts.tag !== undefined && { tag: opts.tag }),
      signal: ctx.signal,
    };
    if (ctx.options.quiet && !ctx.options.json) {
      // Names only, for scripts: the cheap listing (no CPU sample, no addresses).
      const vms = await service.list(filter);
      for (const v of vms) ctx.stdout.write(`${v.name}\n`);
      return 0;
    }
    const vms = await service.listDetailed({
      ...filter,
      cpuSampleMs: opts.cpuUsage === true ? CPU_SAMPLE_MS : 0,
    });
    if (ctx.options.json) {
      printJson(ctx, vms);
    } else if (vms.length === 0) {
      printText(ctx, 'no VMs');
    } else {
      const width = ctx.stdout.isTTY === true ? ctx.stdout.columns : undefined;
      printText(ctx, renderTable(vms, columns(ctx.options.color, opts.cpuUsage === true), width));
    }
    return 0;
  } finally {
    await client.close();
  }
}
