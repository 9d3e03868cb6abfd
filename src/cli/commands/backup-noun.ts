// The `backup` noun command, shared by every `hv backup <verb>` module (prune, create, list...).
import type { Command } from 'commander';

/**
 * The one `hv backup` command: call this instead of `program.command('backup')`, which would make a
 * second, unreachable `backup`.
 */
export function backupNoun(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'backup') ??
    program.command('backup').description('back up, verify, restore and prune VM backups')
  );
}
