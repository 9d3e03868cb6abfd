// `hv completion bash|zsh` and the hidden `hv __complete vms` registration; the bodies
// (completion-command.ts) are loaded only when they run.
import type { CommandRegistrar } from '../command.js';

/** Registers `hv completion SHELL` and `hv __complete vms`. */
export const registerCompletion: CommandRegistrar = (program, action) => {
  program
    .command('completion')
    .argument('<shell>', 'bash or zsh')
    .description('print the shell completion script (commands, flags, VM names) for bash or zsh')
    .action(
      action(async (ctx, args) => {
        const { completionCommand } = await import('./completion-command.js');
        return completionCommand(ctx, args[0] ?? '', program);
      }),
    );
  program
    .command('__complete', { hidden: true })
    .argument('<what>', 'vms')
    .action(
      action(async (ctx) => {
        const { completeVmNames } = await import('./completion-command.js');
        return completeVmNames(ctx);
      }),
    );
};
