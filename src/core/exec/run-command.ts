// The one place hv starts other programs (qemu-img, nft, gpgv, xorriso, an editor). No shell is ever
// involved: arguments go to the program as given. Every run has a timeout and follows an AbortSignal,
// and each way of failing becomes an HvError: missing program -> DependencyError (exit 2), not
// allowed -> PermissionError, too slow -> TimeoutError, Ctrl-C -> InterruptedError, non-zero exit ->
// CommandError with the program's stderr.
import { spawn } from 'node:child_process';
import {
  CommandError,
  DependencyError,
  InterruptedError,
  PermissionError,
  TimeoutError,
} from '../errors/index.js';

/** How to run a program. */
export interface RunOptions {
  /** Kill the program after this many milliseconds (default 60 000; 0 = no limit). */
  timeoutMs?: number;
  /** Abort (e.g. Ctrl-C): the program is terminated and InterruptedError thrown. */
  signal?: AbortSignal;
  /** Text written to the program's stdin (then closed). */
  input?: string;
  /** Environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** 'capture' (default) collects stdout/stderr; 'inherit' connects the terminal (editors). */
  stdio?: 'capture' | 'inherit';
  /** Exit statuses that count as success (default [0]). */
  okExitCodes?: readonly number[];
  /** Said in parentheses when the program is missing, e.g. 'Debian package qemu-utils'. */
  missingHint?: string;
  /** Largest stdout/stderr kept, in bytes (default 16 MiB); more is an error. */
  maxBuffer?: number;
}

/** What a finished program left behind. */
export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const KILL_GRACE_MS = 2000;
const STDERR_KEPT = 4096;

function errnoOf(err: unknown): string | undefined {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

/**
 * Run `program` with `args` (no shell) and resolve with its output when it exits with an allowed
 * status.
 * @throws DependencyError (not installed), PermissionError (not executable), TimeoutError,
 *   InterruptedError (signal aborted) or CommandError (other exit status, or killed).
 */
export function runCommand(
  program: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<RunResult> {
  const command = [program, ...args];
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxBuffer = options.maxBuffer ?? 16 * 1024 * 1024;
  const okCodes = options.okExitCodes ?? [0];
  const inherit = options.stdio === 'inherit';
  return new Promise<RunResult>((resolvePromise, reject) => {
    if (options.signal?.aborted === true) {
      reject(new InterruptedError(`interrupted before ${program} started`));
      return;
    }
    const child = spawn(program, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: inherit ? 'inherit' : ['pipe', 'pipe', 'pipe'],
      shell: false,
      // Captured programs get their own process group so that stopping them also stops what they
      // started; an editor must stay in the terminal's foreground group.
      detached: !inherit,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let failure: Error | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    const signalAll = (sig: NodeJS.Signals): void => {
      try {
        if (!inherit && child.pid !== undefined) process.kill(-child.pid, sig);
        else child.kill(sig);
      } catch {
        // already gone
      }
    };
    const stop = (why: Error): void => {
      failure ??= why;
      signalAll('SIGTERM');
      killTimer ??= setTimeout(() => {
        signalAll('SIGKILL');
      }, KILL_GRACE_MS).unref();
    };
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBuffer)
        stop(new CommandError(command, { exitCode: null, stderr: `output exceeded ${maxBuffer} bytes` }));
      else into.push(chunk);
    };
    child.stdout?.on('data', collect(out));
    child.stderr?.on('data', collect(err));
    if (!inherit) {
      child.stdin?.on('error', () => undefined); // the program may exit without reading its input
      child.stdin?.end(options.input ?? '');
    }
    const timer =
      timeoutMs > 0
        ? setTimeout(() => {
            stop(
              new TimeoutError(`${program} did not finish within ${timeoutMs / 1000} s`, {
                details: { command },
              }),
            );
          }, timeoutMs)
        : undefined;
    const onAbort = (): void => {
      stop(new InterruptedError(`interrupted while ${program} was running`, { details: { command } }));
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const cleanup = (): void => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      options.signal?.removeEventListener('abort', onAbort);
    };
    child.on('error', (e) => {
      cleanup();
      const code = errnoOf(e);
      const hint = options.missingHint === undefined ? '' : ` (${options.missingHint})`;
      if (code === 'ENOENT') {
        reject(
          new DependencyError(`${program} is not installed or not on PATH${hint}`, {
            cause: e,
            details: { program },
          }),
        );
      } else if (code === 'EACCES') {
        reject(
          new PermissionError(`${program} cannot be run: permission denied`, {
            cause: e,
            details: { program },
          }),
        );
      } else {
        reject(new CommandError(command, { exitCode: null, stderr: e.message }, { cause: e }));
      }
    });
    child.on('close', (exitCode, signal) => {
      cleanup();
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (failure !== undefined) reject(failure);
      else if (exitCode !== null && okCodes.includes(exitCode)) resolvePromise({ stdout, stderr, exitCode });
      else reject(new CommandError(command, { exitCode, signal, stderr: stderr.slice(-STDERR_KEPT) }));
    });
  });
}
