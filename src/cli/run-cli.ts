// The CLI edge: parse argv, run one command, and map whatever it throws to an exit code through the
// one error table. Only this module decides exit codes; commands just return or throw.
import { CommanderError, type Command } from 'commander';
import { HvError, InterruptedError, UsageError, exitCodeFor } from '../core/errors/index.js';
import type { ActionBinder, ActionState } from './command.js';
import type { CliContext } from './context.js';
import { resolveGlobalOptions } from './global-options.js';
import { firstCommandWord } from './first-command-word.js';
import { buildProgram } from './program.js';
import { printError } from './render/output.js';
import { toHvError } from './to-hv-error.js';

/** Streams and environment the CLI runs with (tests pass their own). */
export interface CliIo {
  stdout: CliContext['stdout'];
  stderr: CliContext['stderr'];
  stdin: CliContext['stdin'];
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
}

function globalsOf(cmd: Command): Record<string, unknown> {
  return cmd.optsWithGlobals();
}

/** Run `hv` with argv (without node and script) and return the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const state: ActionState = { exitCode: 0 };
  let jsonErrors = argv.includes('--json');
  const bind: ActionBinder =
    (body) =>
    async (...args: unknown[]): Promise<void> => {
      const cmd = args[args.length - 1] as Command;
      const opts = cmd.opts();
      const options = resolveGlobalOptions(globalsOf(cmd), io.env, io.stdout.isTTY === true);
      jsonErrors = options.json;
      const ctx: CliContext = {
        options,
        stdout: io.stdout,
        stderr: io.stderr,
        // A getter: process.stdin opens the descriptor (~5 ms) and most commands never read it.
        get stdin() {
          return io.stdin;
        },
        env: io.env,
        signal: io.signal,
      };
      const code = await body(ctx, cmd.args, opts as never);
      state.exitCode = code ?? 0;
    };
  const program = buildProgram(bind, firstCommandWord(argv));
  // Subcommands copy these settings only when they are created, and they already are: apply them to
  // every command, or a bad flag after a subcommand would exit(1) from inside commander.
  const configure = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => {
        if (!jsonErrors) io.stderr.write(s);
      },
    });
    for (const sub of cmd.commands) configure(sub);
  };
  configure(program);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return state.exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return 0; // --help, --version
      const usage = new UsageError(err.message.replace(/^error: /, ''), {
        details: { commanderCode: err.code },
      });
      if (jsonErrors) printError({ stderr: io.stderr, options: { json: true } }, usage);
      return exitCodeFor(usage.code);
    }
    const hvErr: HvError =
      io.signal.aborted && !(err instanceof HvError) ? new InterruptedError() : toHvError(err);
    printError({ stderr: io.stderr, options: { json: jsonErrors } }, hvErr);
    return hvErr.exitCode;
  }
}
