// `hv autostart run [--dry-run]`: registration on the shared `autostart` noun; the body loads when the
// command runs.
import type { CommandRegistrar } from '../command.js';
import { autostartNoun } from './autostart-noun.js';
import type { AutostartRunFlags } from './autostart-run-command.js';

/** Registers `hv autostart run`. */
export const registerAutostartRun: CommandRegistrar = (program, action) => {
  autostartNoun(program)
    .command('run')
    .description(
      'start the autostart VMs in boot order (autostart.groups_order, then priority, then name) with the ' +
        'configured delays; VMs already up are skipped, so it is safe to run twice',
    )
    .option('--dry-run', 'print the plan (order, waits) and start nothing')
    .action(
      action<AutostartRunFlags>(async (ctx, _args, flags) => {
        const { autostartRun } = await import('./autostart-run-command.js');
        return autostartRun(ctx, flags);
      }),
    );
};
