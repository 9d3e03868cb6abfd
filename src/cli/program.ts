// Builds the `hv` command tree: global flags, then every command module's registrar.
import { Command, Option } from 'commander';
import { hvVersion } from '../core/version.js';
import type { ActionBinder } from './command.js';
import { commandRegistrars } from './commands/index.js';

/** The program with global options and all commands; `bind` wraps each command body. */
export function buildProgram(bind: ActionBinder): Command {
  const program = new Command('hv')
    .description(
      'hv runs KVM hypervisor hosts through libvirt: VMs from profiles, lifecycle, images, snapshots, backups.',
    )
    .version(hvVersion(), '-V, --version', 'print the hv version')
    .addOption(
      new Option('-c, --connect <uri>', 'libvirt URI (env HV_CONNECT)').default(undefined, 'qemu:///system'),
    )
    .option('--json', 'machine-readable JSON output (errors too, on stderr)')
    .option('-q, --quiet', 'print only errors')
    .option('-v, --verbose', 'log more detail to stderr')
    .addOption(
      new Option('--config <path>', 'configuration file (env HV_CONFIG)').default(
        undefined,
        '/etc/hv/config.yaml',
      ),
    )
    .option('--no-color', 'never colour the output (also env NO_COLOR)')
    .showSuggestionAfterError(true)
    .configureHelp({ sortSubcommands: false, showGlobalOptions: true });
  for (const register of commandRegistrars) register(program, bind);
  return program;
}
