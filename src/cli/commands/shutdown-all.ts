// `hv shutdown-all [--timeout S] [--dry-run]`: registration only; the body loads when it runs.
import type { CommandRegistrar } from '../command.js';
import type { ShutdownAllFlags } from './shutdown-all-command.js';

/** Registers `hv shutdown-all`. */
export const registerShutdownAll: CommandRegistrar = (program, action) => {
  program
    .command('shutdown-all')
    .description(
      'stop every running VM for host shutdown: hand-started ones first, then autostart VMs in reverse ' +
        'boot order; each ACPI, then force off after the timeout; nothing running: exit 0',
    )
    .option(
      '--timeout <seconds>',
      'seconds per VM before forcing it off (default autostart.stop_timeout_seconds)',
    )
    .option('--dry-run', 'print the stop order and stop nothing')
    .action(
      action<ShutdownAllFlags>(async (ctx, _args, flags) => {
        const { shutdownAllCommand } = await import('./shutdown-all-command.js');
        return shutdownAllCommand(ctx, flags);
      }),
    );
};
