// `hv snapshot create|list|revert|delete` and `hv snapshot policy set|show|remove|run`: registration
// only; each body loads when its command runs.
import { Option } from 'commander';
import type { CommandRegistrar } from '../command.js';
import { addRetentionFlags } from './retention-flags.js';
import type { SnapshotCreateOptions } from './snapshot-create.js';
import type { PolicySetOptions } from './snapshot-policy-commands.js';

/** Registers the snapshot verbs. */
export const registerSnapshot: CommandRegistrar = (program, action) => {
  const snapshot = program
    .command('snapshot')
    .description('take, list, revert and delete VM snapshots; retention policies (docs/snapshots.md)');
  snapshot
    .command('create')
    .description('take a snapshot: internal where libvirt can (qcow2, BIOS), external otherwise (UEFI, raw)')
    .argument('<vm>', 'the VM')
    .argument('[name]', 'snapshot name (default snap-YYYYmmdd-HHMMSS, UTC)')
    .option('--description <text>', 'free text stored with the snapshot')
    .option('--disk-only', 'disks only, no memory: an external snapshot')
    .option('--quiesce', 'freeze the guest file systems through the guest agent (implies --disk-only)')
    .addOption(
      new Option('--no-memory', 'no memory state (a running VM then gets an external disk-only snapshot)'),
    )
    .action(
      action<SnapshotCreateOptions>(async (ctx, args, opts) => {
        const { snapshotCreate } = await import('./snapshot-create.js');
        return snapshotCreate(ctx, args, opts);
      }),
    );
  snapshot
    .command('list')
    .description('the snapshot tree: parent/children, current (*), time, state, kind, policy')
    .argument('<vm>', 'the VM')
    .action(
      action(async (ctx, args) => {
        const { snapshotList } = await import('./snapshot-list.js');
        return snapshotList(ctx, args);
      }),
    );
  snapshot
    .command('revert')
    .description('go back to a snapshot (external snapshots: refused on libvirt < 9.7, with the way out)')
    .argument('<vm>', 'the VM')
    .argument('<name>', 'the snapshot')
    .option('--running', 'start the VM after reverting, whatever state the snapshot holds')
    .option('--paused', 'leave the VM paused after reverting')
    .action(
      action<{ running?: boolean; paused?: boolean }>(async (ctx, args, opts) => {
        const { snapshotRevert } = await import('./snapshot-revert-delete.js');
        return snapshotRevert(ctx, args, opts);
      }),
    );
  snapshot
    .command('delete')
    .description("delete a snapshot (an external one's memory file too)")
    .argument('<vm>', 'the VM')
    .argument('<name>', 'the snapshot')
    .option('--children', 'also delete every snapshot below it')
    .action(
      action<{ children?: boolean }>(async (ctx, args, opts) => {
        const { snapshotDelete } = await import('./snapshot-revert-delete.js');
        return snapshotDelete(ctx, args, opts);
      }),
    );

  const policy = snapshot
    .command('policy')
    .description(
      "snapshot retention policies kept in the VM's metadata; they only prune their own snapshots",
    );
  addRetentionFlags(
    policy
      .command('set')
      .description('set (or replace) a policy: what to keep, in which time zone, how to snapshot')
      .argument('<vm>', 'the VM')
      .option(
        '--name <policy>',
        'policy name (default "default"); snapshots are named <policy>-YYYYmmdd-HHMMSS',
      )
      .option(
        '--tz <zone>',
        'IANA time zone for the buckets (default: the host zone, stored with the policy)',
      )
      .option('--disk-only', 'take disk-only (external) snapshots')
      .option('--quiesce', 'freeze guest file systems through the agent (implies --disk-only)')
      .addOption(new Option('--no-memory', 'no memory state in its snapshots')),
  ).action(
    action<PolicySetOptions>(async (ctx, args, opts) => {
      const { policySet } = await import('./snapshot-policy-commands.js');
      return policySet(ctx, args, opts);
    }),
  );
  policy
    .command('show')
    .description("a VM's snapshot policies")
    .argument('<vm>', 'the VM')
    .action(
      action(async (ctx, args) => {
        const { policyShow } = await import('./snapshot-policy-commands.js');
        return policyShow(ctx, args);
      }),
    );
  policy
    .command('remove')
    .description('remove a policy (the snapshots it made stay)')
    .argument('<vm>', 'the VM')
    .option('--name <policy>', 'policy name (default "default")')
    .action(
      action<{ name?: string }>(async (ctx, args, opts) => {
        const { policyRemove } = await import('./snapshot-policy-commands.js');
        return policyRemove(ctx, args, opts);
      }),
    );
  policy
    .command('run')
    .description("take a snapshot per policy now, then prune that policy's own snapshots")
    .argument('[vm...]', 'VMs (their policies)')
    .option('--all', 'every VM that has a policy')
    .option('--name <policy>', 'only this policy')
    .option('--dry-run', 'take and delete nothing; show what would happen')
    .action(
      action<{ all?: boolean; name?: string; dryRun?: boolean }>(async (ctx, args, opts) => {
        const { policyRun } = await import('./snapshot-policy-commands.js');
        return policyRun(ctx, args, opts);
      }),
    );
};
