// hv's logger: short human lines on stderr (warnings and errors by default) and JSON lines in
// <log_dir>/hv.log for later inspection. No worker threads (pino transports would cost startup time
// in a CLI); both destinations are synchronous streams, so nothing is lost when the process exits.
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { pino, type Logger, type Level, type StreamEntry } from 'pino';
import { humanStream } from './human-stream.js';

/** What stderr shows: `quiet` errors only, `normal` warnings and errors, `verbose` info too, `debug` all. */
export type Verbosity = 'quiet' | 'normal' | 'verbose' | 'debug';

/** Where and how much to log. */
export interface LoggerOptions {
  verbosity: Verbosity;
  /** Stream for human lines (the process's stderr). */
  stderr: Pick<Writable, 'write'>;
  /** Directory of hv.log; undefined = no file. */
  logDir?: string;
  /** Lowest level written to the file (default info). */
  fileLevel?: Level;
}

/** A logger and what it could open. */
export interface HvLogger {
  readonly logger: Logger;
  /** The log file written to, or undefined when none could be opened. */
  readonly logFile: string | undefined;
  /** Close the file descriptor (tests; a CLI just exits). */
  close(): void;
}

const STDERR_LEVEL: Record<Verbosity, Level> = {
  quiet: 'error',
  normal: 'warn',
  verbose: 'info',
  debug: 'debug',
};
const RANK: Record<Level, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

/** Open <dir>/hv.log for appending, creating the directory (0750) if it can; undefined if not writable. */
function openLogFile(dir: string): { fd: number; path: string } | undefined {
  const path = join(dir, 'hv.log');
  try {
    mkdirSync(dir, { recursive: true, mode: 0o750 });
    return { fd: openSync(path, 'a', 0o640), path };
  } catch {
    return undefined; // not root, read-only file system...: the file log is optional by design
  }
}

/** Create hv's logger. Never throws because of the log file; it is skipped when not writable. */
export function createLogger(options: LoggerOptions): HvLogger {
  const stderrLevel = STDERR_LEVEL[options.verbosity];
  const fileLevel = options.fileLevel ?? 'info';
  const streams: StreamEntry[] = [{ level: stderrLevel, stream: humanStream(options.stderr) }];
  const file = options.logDir === undefined ? undefined : openLogFile(options.logDir);
  if (file !== undefined) {
    streams.push({ level: fileLevel, stream: pino.destination({ fd: file.fd, sync: true }) });
  }
  const lowest = file === undefined || RANK[stderrLevel] < RANK[fileLevel] ? stderrLevel : fileLevel;
  const logger = pino({ level: lowest, base: { pid: process.pid } }, pino.multistream(streams));
  return {
    logger,
    logFile: file?.path,
    close: () => {
      if (file !== undefined) closeSync(file.fd);
    },
  };
}
