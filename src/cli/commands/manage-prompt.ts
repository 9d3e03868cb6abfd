// Questions manage verbs ask on a terminal (delete's confirmation, edit's "edit again?"). Without a
// terminal nothing is asked: the caller refuses or fails instead of hanging on a pipe.
import { createInterface } from 'node:readline/promises';
import { InterruptedError } from '../../core/errors/index.js';
import type { CliContext } from '../context.js';

/** Both ends are a terminal: a person can answer. */
export function canPrompt(ctx: CliContext): boolean {
  return ctx.stdin.isTTY === true && ctx.stderr.isTTY === true;
}

/** Ask a yes/no question on stderr and read the answer from stdin (empty = `defaultYes`). */
export async function askYesNo(ctx: CliContext, question: string, defaultYes: boolean): Promise<boolean> {
  const rl = createInterface({ input: ctx.stdin, output: ctx.stderr });
  try {
    const answer = await rl.question(`${question} ${defaultYes ? '[Y/n]' : '[y/N]'} `, {
      signal: ctx.signal,
    });
    const a = answer.trim().toLowerCase();
    return a === '' ? defaultYes : a === 'y' || a === 'yes';
  } catch (err) {
    if (ctx.signal.aborted) throw new InterruptedError('interrupted at the question', { cause: err });
    throw err;
  } finally {
    rl.close();
  }
}
