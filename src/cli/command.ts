// How a CLI command is written: a plain async function of (context, arguments, options) that returns
// nothing or an exit code. `defineAction` turns it into a commander action that sees the global flags.
import type { Command } from 'commander';
import type { CliContext } from './context.js';

/** A command body. Return an exit code to end with something other than 0 without an error. */
type CommandBody<Opts> = (ctx: CliContext, args: string[], opts: Opts) => Promise<number | undefined>;

/** Shared state between the program and the action that ran (its exit code). */
export interface ActionState {
  exitCode: number;
}

/** Registers commands on the program; each command module exports one of these. */
export type CommandRegistrar = (program: Command, action: ActionBinder) => void;

/** Turns a command body into a commander action handler. */
export type ActionBinder = <Opts>(body: CommandBody<Opts>) => (...args: unknown[]) => Promise<void>;
