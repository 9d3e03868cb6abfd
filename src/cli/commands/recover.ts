// `hv recover [--dry-run]`: registration only; the body loads when it runs.
import type { CommandRegistrar } from '../command.js';
import type { RecoverFlags } from './recover-command.js';

/** Registers `hv recover`. */
export const registerRecover: CommandRegistrar = (program, action) => {
  program
    .command('recover')
    .description(
      'restart crashed VMs (destroy + start) with backoff, at most recover.max_attempts_per_day per VM in ' +
        '24 h (then "gave up"); every attempt is recorded in hv.db; nothing crashed: exit 0',
    )
    .option('--dry-run', 'say what would be done and do nothing')
    .action(
      action<RecoverFlags>(async (ctx, _args, flags) => {
        const { recoverCommand } = await import('./recover-command.js');
        return recoverCommand(ctx, flags);
      }),
    );
};
