// The body of `hv vm info NAME` / `hv info NAME`: one VM in full (see core/vm/info/vm-info.ts), as
// labelled lines and small tables, or --json. Loaded only when the command runs (see vm-info.ts).
import { loadConfig } from '../../core/config/load-config.js';
import { openHost } from '../../core/host/open-host.js';
import { formatSize } from '../../core/validate/format-size.js';
import { lastBackup } from '../../core/vm/info/last-backup.js';
import { vmInfo, type VmInfo, type VmInfoDisk, type VmInfoNic } from '../../core/vm/info/vm-info.js';
import type { CliContext } from '../context.js';
import { effectiveConnectUri } from '../effective-connect-uri.js';
import { colourState } from '../render/colour.js';
import { printJson, printText } from '../render/output.js';
import { renderTable, type Column } from '../render/table.js';

const size = (n: number | null): string => (n === null ? '-' : formatSize(n));

const DISK_COLUMNS: Column<VmInfoDisk>[] = [
  { header: 'TARGET', value: (d) => d.target },
  { header: 'DEVICE', value: (d) => d.device },
  { header: 'SIZE', value: (d) => size(d.sizeBytes), align: 'right' },
  { header: 'ALLOCATED', value: (d) => size(d.allocationBytes), align: 'right' },
  { header: 'PATH', value: (d) => d.path ?? '-', flexible: true },
];

const NIC_COLUMNS: Column<VmInfoNic>[] = [
  { header: 'MAC', value: (n) => n.mac },
  { header: 'TYPE', value: (n) => n.type },
  { header: 'NETWORK', value: (n) => n.network ?? '-' },
  { header: 'MODEL', value: (n) => n.model ?? '-' },
  { header: 'IP', value: (n) => (n.ipAddresses.length > 0 ? n.ipAddresses.join(',') : '-'), flexible: true },
];

function consoleLines(v: VmInfo): string {
  const c = v.consoles.map((x) => `${x.kind} ${x.type}${x.path === undefined ? '' : ` ${x.path}`}`);
  const g = v.graphics.map(
    (x) => `${x.type} ${x.listen ?? '-'}:${x.port === undefined ? (v.id === null ? 'auto' : '-') : x.port}`,
  );
  return [...c, ...g].join(', ') || '-';
}

/** The text form. */
function render(v: VmInfo, colour: boolean, width: number | undefined): string {
  const b = v.lastBackup;
  const rows: [string, string][] = [
    ['name', v.name],
    ['uuid', v.uuid],
    ['state', `${colourState(v.state, colour)} (${v.stateReason})`],
    ['vcpus', String(v.vcpus)],
    ['memory', `${v.memoryMiB} MiB (max ${v.maxMemoryMiB} MiB)`],
    ['firmware', v.firmware],
    [
      'autostart',
      `${v.autostart ? 'yes' : 'no'}${v.autostartGroup === null ? '' : `, group ${v.autostartGroup}`}${
        v.autostartPriority === null ? '' : `, priority ${v.autostartPriority}`
      }`,
    ],
    ['tags', v.tags.length > 0 ? v.tags.join(', ') : '-'],
    ['description', v.description ?? '-'],
    [
      'profile',
      v.profileOrigin !== null
        ? `${v.profileOrigin.format}${v.profileOrigin.file === null ? '' : ` from ${v.profileOrigin.file}`}`
        : v.managedByHv
          ? 'hv (origin not recorded)'
          : 'none (not created by hv)',
    ],
    ['consoles', consoleLines(v)],
    ['snapshots', String(v.snapshotCount)],
    ['last backup', b === null ? 'none' : `${b.endedAt} ${b.type} ${formatSize(b.sizeBytes)} (${b.id})`],
  ];
  const head = rows.map(([k, val]) => `${`${k}:`.padEnd(13)}${val}`).join('\n');
  const disks = v.disks.length > 0 ? renderTable(v.disks, DISK_COLUMNS, width) : 'none\n';
  const nics = v.nics.length > 0 ? renderTable(v.nics, NIC_COLUMNS, width) : 'none\n';
  return `${head}\n\ndisks:\n${disks}\nnics:\n${nics}`;
}

/** The command body. */
export async function vmInfoCommand(ctx: CliContext, args: string[]): Promise<number> {
  const name = args[0] ?? '';
  const { config } = await loadConfig(ctx.options.configPath);
  const client = await openHost(effectiveConnectUri(ctx.options, config), { signal: ctx.signal });
  try {
    const info = await vmInfo(client, name, {
      signal: ctx.signal,
      lastBackup: (vm) => lastBackup(config.state_dir, vm),
    });
    if (ctx.options.json) printJson(ctx, info);
    else
      printText(
        ctx,
        render(info, ctx.options.color, ctx.stdout.isTTY === true ? ctx.stdout.columns : undefined),
      );
    return 0;
  } finally {
    await client.close();
  }
}
