// `hv snapshot policy set|show|remove|run`: retention policies for snapshots, stored in each VM's hv
// metadata; `run` takes a tagged snapshot and prunes only that policy's snapshots (the daemon will call
// the same runSnapshotPolicy on a schedule).
import { HvError, UsageError, ValidationError } from '../../core/errors/index.js';
import { formatRetention, hostTimeZone, validateTimeZone } from '../../core/retention/index.js';
import {
  DEFAULT_POLICY_NAME,
  getSnapshotPolicies,
  removeSnapshotPolicy,
  runSnapshotPolicy,
  setSnapshotPolicy,
  vmsWithSnapshotPolicies,
  type PolicyRunResult,
  type SnapshotPolicy,
} from '../../core/snapshot/index.js';
import type { CliContext } from '../context.js';
import { printError, printJson, printText } from '../render/output.js';
import { renderTable } from '../render/table.js';
import { toHvError } from '../to-hv-error.js';
import { retentionFromFlags, type RetentionFlags } from './retention-flags.js';
import { withSnapshots } from './snapshot-session.js';

/** Options of `hv snapshot policy set`. */
export interface PolicySetOptions extends RetentionFlags {
  name?: string;
  tz?: string;
  diskOnly?: boolean;
  quiesce?: boolean;
  memory?: boolean;
}

function describePolicy(p: SnapshotPolicy): string {
  const how = [
    p.diskOnly === true && 'disk-only',
    p.noMemory === true && 'no-memory',
    p.quiesce === true && 'quiesce',
  ]
    .filter((x) => x !== false)
    .join(',');
  return `${p.name}: ${formatRetention(p.retention)} (time zone ${p.timeZone})${how === '' ? '' : ` [${how}]`}`;
}

/** `hv snapshot policy set VM --keep-... [--name P] [--tz ZONE]`. */
export async function policySet(ctx: CliContext, args: string[], opts: PolicySetOptions): Promise<number> {
  const vm = args[0];
  if (vm === undefined) throw new UsageError('hv snapshot policy set needs a VM');
  const policy: SnapshotPolicy = {
    name: opts.name ?? DEFAULT_POLICY_NAME,
    retention: retentionFromFlags(opts),
    timeZone: opts.tz === undefined ? hostTimeZone() : validateTimeZone('--tz', opts.tz),
    ...(opts.diskOnly === true && { diskOnly: true }),
    ...(opts.memory === false && { noMemory: true }),
    ...(opts.quiesce === true && { quiesce: true }),
  };
  return withSnapshots(ctx, async (_service, client) => {
    const all = await setSnapshotPolicy(client, vm, policy);
    if (ctx.options.json) printJson(ctx, { vm, policies: all });
    else printText(ctx, `${vm}: snapshot policy ${describePolicy(policy)}`);
    return 0;
  });
}

/** `hv snapshot policy show VM`. */
export async function policyShow(ctx: CliContext, args: string[]): Promise<number> {
  const vm = args[0];
  if (vm === undefined) throw new UsageError('hv snapshot policy show needs a VM');
  return withSnapshots(ctx, async (_service, client) => {
    const policies = await getSnapshotPolicies(client, vm);
    if (ctx.options.json) printJson(ctx, { vm, policies });
    else if (policies.length === 0) printText(ctx, `${vm} has no snapshot policy`);
    else for (const p of policies) printText(ctx, `${vm}: ${describePolicy(p)}`);
    return 0;
  });
}

/** `hv snapshot policy remove VM [--name P]`. */
export async function policyRemove(
  ctx: CliContext,
  args: string[],
  opts: { name?: string },
): Promise<number> {
  const vm = args[0];
  if (vm === undefined) throw new UsageError('hv snapshot policy remove needs a VM');
  const name = opts.name ?? DEFAULT_POLICY_NAME;
  return withSnapshots(ctx, async (_service, client) => {
    await removeSnapshotPolicy(client, vm, name);
    if (ctx.options.json) printJson(ctx, { vm, removed: name });
    else printText(ctx, `${vm}: snapshot policy ${name} removed (its snapshots stay)`);
    return 0;
  });
}

function printRun(ctx: CliContext, r: PolicyRunResult): void {
  printText(ctx, `${r.vm} / ${r.policy}: ${r.dryRun ? 'would take' : 'took'} ${r.created}`);
  printText(
    ctx,
    renderTable(r.decisions, [
      { header: 'SNAPSHOT', value: (d) => d.id },
      {
        header: 'ACTION',
        value: (d) => (d.mark === 'remove' ? (r.dryRun ? 'would delete' : 'deleted') : 'keep'),
      },
      { header: 'REASON', value: (d) => d.reason, flexible: true },
    ]),
  );
  for (const f of r.failed)
    ctx.stderr.write(`hv: warning: ${r.vm}: could not delete ${f.snapshot}: ${f.message}\n`);
  for (const f of r.leftFiles) ctx.stderr.write(`hv: warning: ${r.vm}: memory file ${f} left on the host\n`);
}

/** `hv snapshot policy run [VM...|--all] [--name P] [--dry-run]`. */
export async function policyRun(
  ctx: CliContext,
  args: string[],
  opts: { all?: boolean; name?: string; dryRun?: boolean },
): Promise<number> {
  if (opts.all === true && args.length > 0) throw new UsageError('give VMs or --all, not both');
  if (opts.all !== true && args.length === 0)
    throw new UsageError('give the VMs to run policies for, or --all');
  return withSnapshots(ctx, async (service, client) => {
    const targets =
      opts.all === true
        ? await vmsWithSnapshotPolicies(client)
        : await Promise.all(
            args.map(async (vm) => ({ vm, policies: await getSnapshotPolicies(client, vm) })),
          );
    const results: (
      PolicyRunResult | { vm: string; policy: string; error: ReturnType<HvError['toJSON']>['error'] }
    )[] = [];
    let exit = 0;
    for (const { vm, policies } of targets) {
      const chosen = opts.name === undefined ? policies : policies.filter((p) => p.name === opts.name);
      if (chosen.length === 0) {
        const err = new ValidationError(
          'policy',
          opts.name === undefined
            ? `VM ${vm} has no snapshot policy (hv snapshot policy set ${vm} --keep-...)`
            : `VM ${vm} has no snapshot policy named ${opts.name}`,
        );
        if (opts.all === true) continue;
        throw err;
      }
      for (const policy of chosen) {
        ctx.signal.throwIfAborted();
        try {
          const r = await runSnapshotPolicy(service, {
            vm,
            policy,
            now: new Date(),
            signal: ctx.signal,
            dryRun: opts.dryRun === true,
          });
          results.push(r);
          if (!ctx.options.json) printRun(ctx, r);
          if (r.failed.length > 0 && exit === 0) exit = 1;
        } catch (err) {
          const e = toHvError(err);
          if (ctx.signal.aborted) throw e;
          results.push({ vm, policy: policy.name, error: e.toJSON().error });
          if (!ctx.options.json) printError(ctx, e);
          if (exit === 0) exit = e.exitCode;
        }
      }
    }
    if (ctx.options.json) printJson(ctx, results);
    else if (targets.length === 0) printText(ctx, 'no VM has a snapshot policy');
    return exit;
  });
}
