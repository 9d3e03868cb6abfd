// Why: the console session itself, apart from the terminal: copy keystrokes to the guest and its output
// to stdout until Ctrl-], end of input (pipe mode), the console closing (VM stopped, or taken over
// with --force elsewhere) or Ctrl-C when stdin is not a terminal.
import type { Duplex } from 'node:stream';
import { scanForEscape } from '../../core/vm/console/escape-scanner.js';

/** Why a session ended. */
export type ConsoleEnd = 'escape' | 'eof' | 'closed' | 'aborted';

/** The streams of one session. */
export interface ConsoleIo {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  readonly signal: AbortSignal;
  /** After end of input, keep showing guest output until it has been quiet this long (ms). */
  readonly lingerMs?: number;
}

/** Run the session on `remote` until it ends; the caller closes the console afterwards. */
export function runConsoleSession(remote: Duplex, io: ConsoleIo): Promise<ConsoleEnd> {
  return new Promise((resolve) => {
    let lingering: NodeJS.Timeout | undefined;
    let finished = false;
    const finish = (why: ConsoleEnd): void => {
      if (finished) return;
      finished = true;
      clearTimeout(lingering);
      io.input.off('data', onInput);
      io.input.off('end', onEof);
      remote.off('data', onOutput);
      io.signal.removeEventListener('abort', onAbort);
      io.input.pause();
      resolve(why);
    };
    const linger = (): void => {
      clearTimeout(lingering);
      lingering = setTimeout(() => {
        finish('eof');
      }, io.lingerMs ?? 500);
    };
    const onOutput = (chunk: Buffer): void => {
      io.output.write(chunk);
      if (lingering !== undefined) linger();
    };
    const onInput = (chunk: Buffer | string): void => {
      const scan = scanForEscape(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      if (scan.forward.length > 0) remote.write(scan.forward);
      if (scan.escaped) finish('escape');
    };
    const onEof = (): void => {
      linger();
    };
    const onAbort = (): void => {
      finish('aborted');
    };
    remote.on('data', onOutput);
    remote.once('end', () => {
      finish('closed');
    });
    remote.once('close', () => {
      finish('closed');
    });
    remote.once('error', () => {
      finish('closed');
    });
    io.input.on('data', onInput);
    io.input.once('end', onEof);
    io.signal.addEventListener('abort', onAbort, { once: true });
    if (io.signal.aborted) finish('aborted');
    io.input.resume();
  });
}
