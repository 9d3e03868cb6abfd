// `hv console NAME` and `hv vm console NAME` registration; the body (console-command.ts) is loaded
// only when the command runs.
import type { CommandRegistrar } from '../command.js';
import type { ConsoleCommandOptions } from './console-command.js';
import { vmNoun } from './vm-list.js';

const runConsole = async (
  ...args: Parameters<typeof import('./console-command.js').consoleCommand>
): Promise<number> => {
  const { consoleCommand } = await import('./console-command.js');
  return consoleCommand(...args);
};

const DESCRIPTION = "attach to the VM's serial console (detach with Ctrl-])";

/** Registers `hv console NAME` and `hv vm console NAME`. */
export const registerConsole: CommandRegistrar = (program, action) => {
  for (const cmd of [program.command('console'), vmNoun(program).command('console')]) {
    cmd
      .argument('<name>', 'VM name')
      .description(DESCRIPTION)
      .option('--force', 'take the console over from another client that holds it')
      .option('--device <alias>', 'a console or serial device alias (default: the first console)')
      .action(action<ConsoleCommandOptions>(runConsole));
  }
};
