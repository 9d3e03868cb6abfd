// What every CLI command receives: the global flags, resolved once, and where to write.
import type { Writable } from 'node:stream';

/** Global options shared by every command (see `hv --help`). */
export interface GlobalOptions {
  /** libvirt URI (`--connect`, `HV_CONNECT`), default qemu:///system. */
  connect: string;
  /** Print machine-readable JSON instead of tables. */
  json: boolean;
  quiet: boolean;
  verbose: boolean;
  /** Path of the config file (`--config`, `HV_CONFIG`). */
  configPath: string;
  /** Colour only on a TTY unless NO_COLOR or --no-color. */
  color: boolean;
}

/** The environment a command runs in. */
export interface CliContext {
  readonly options: GlobalOptions;
  readonly stdout: Writable & { isTTY?: boolean; columns?: number };
  readonly stderr: Writable & { isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
  /** Aborted on Ctrl-C: long work stops launching new steps and unwinds. */
  readonly signal: AbortSignal;
}
