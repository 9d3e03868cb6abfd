// Builds the `hv` command tree: global flags, then the command modules' registrars. Building all ~100
// commands costs 5-15 ms of every short command, so a run whose command word is known builds only the
// modules that add that word; help, completion, an unknown word or none get the whole tree.
import { Command, Option } from 'commander';
import { hvVersion } from '../core/version.js';
import type { ActionBinder, CommandModule } from './command.js';
import { commandModules } from './commands/index.js';

/** The modules a run of command `word` needs: those adding it, or every one. */
export function modulesFor(word: string | undefined): readonly CommandModule[] {
  const adding = word === undefined ? [] : commandModules.filter((m) => m.words.includes(word));
  return adding.length === 0 || adding.some((m) => m.needsAll === true) ? commandModules : adding;
}

/**
 * The program with global options and the commands for `word` (all without one); `bind` wraps each
 * command body.
 */
export function buildProgram(bind: ActionBinder, word?: string): Command {
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
  for (const m of modulesFor(word)) m.register(program, bind);
  return program;
}
