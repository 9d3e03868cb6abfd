// `hv ls` / `hv vm list` registration. The body (libvirt client, table rendering) lives in
// vm-list-command.ts and is loaded only when the command runs, so `hv --help` stays fast.
import type { Command } from 'commander';
import type { CommandRegistrar } from '../command.js';
import type { VmListOptions } from './vm-list-command.js';

const runVmList = async (
  ...args: Parameters<typeof import('./vm-list-command.js').vmList>
): Promise<number> => {
  const { vmList } = await import('./vm-list-command.js');
  return vmList(...args);
};

function addListOptions(cmd: Command): Command {
  return cmd
    .option('--state <state>', 'only VMs in this state (running, paused, "shut off"...)')
    .option('--tag <tag>', "only VMs with this tag in hv's metadata")
    .option('--cpu-usage', 'add a CPU % column: a second sample 250 ms later (running VMs only)');
}

/**
 * The `vm` noun command, created once and shared by every `hv vm <verb>` module (call this instead of
 * `program.command('vm')`, which would make a second, unreachable `vm`).
 * @public
 */
export function vmNoun(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'vm') ??
    program.command('vm').description('manage virtual machines')
  );
}

/** Registers `hv ls` and `hv vm list`. */
export const registerVmList: CommandRegistrar = (program, action) => {
  addListOptions(
    program
      .command('ls')
      .description('list VMs: state, vCPUs, memory, CPU time, IPs, autostart, tags (alias of vm list)'),
  ).action(action<VmListOptions>(runVmList));
  addListOptions(
    vmNoun(program)
      .command('list')
      .description('list VMs: state, vCPUs, memory, CPU time, IPs, autostart, tags'),
  ).action(action<VmListOptions>(runVmList));
};
