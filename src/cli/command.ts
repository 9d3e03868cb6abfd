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

/**
 * A command module as the program lists it: a run builds only the modules that add its command word
 * (see program.ts), so each says which top-level words (names and aliases) it adds.
 */
export interface CommandModule {
  readonly words: readonly string[];
  /** It walks the whole command tree (completion scripts): every module is built with it. */
  readonly needsAll?: boolean;
  readonly register: CommandRegistrar;
}

/** Turns a command body into a commander action handler. */
export type ActionBinder = <Opts>(body: CommandBody<Opts>) => (...args: unknown[]) => Promise<void>;
