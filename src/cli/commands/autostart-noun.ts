// The `autostart` noun, created once and shared: `hv autostart on|off` (manage) and
// `hv autostart run` (ordered boot) register their verbs on the same command.
import type { Command } from 'commander';

/**
 * The `autostart` noun command (call this instead of `program.command('autostart')`, which would
 * make a second, unreachable `autostart`).
 * @public
 */
export function autostartNoun(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'autostart') ??
    program.command('autostart').description('VMs started when the host boots: on, off, run')
  );
}
