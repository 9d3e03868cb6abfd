// `hv vm info NAME` and its short form `hv info NAME` registration; the body (vm-info-command.ts) is
// loaded only when the command runs.
import type { CommandRegistrar } from '../command.js';
import { vmNoun } from './vm-list.js';

const runVmInfo = async (
  ...args: Parameters<typeof import('./vm-info-command.js').vmInfoCommand>
): Promise<number> => {
  const { vmInfoCommand } = await import('./vm-info-command.js');
  return vmInfoCommand(...args);
};

const DESCRIPTION =
  'everything about one VM: state and reason, disks, NICs and IPs, consoles, snapshots, last backup, profile';

/** Registers `hv vm info NAME` and `hv info NAME`. */
export const registerVmInfo: CommandRegistrar = (program, action) => {
  vmNoun(program)
    .command('info')
    .argument('<name>', 'VM name')
    .description(DESCRIPTION)
    .action(action(runVmInfo));
  program
    .command('info')
    .argument('<name>', 'VM name')
    .description(`${DESCRIPTION} (alias of vm info)`)
    .action(action(runVmInfo));
};
