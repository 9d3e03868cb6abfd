// The error families of hv. Each fixes a default code; callers pass a more exact code where one exists.
import type { ErrorCode } from './error-codes.js';
import { HvError, type ErrorDetails } from './hv-error.js';
import { showValue } from './show-value.js';

interface Opts {
  details?: ErrorDetails;
  cause?: unknown;
}

/**
 * Bad input: an argument or field breaks a rule. The message is `field: rule`, followed by
 * `(got <value>)` when the rejected value is passed; the value is shown safely (see showValue).
 */
export class ValidationError extends HvError {
  readonly field: string;
  readonly rule: string;
  constructor(field: string, rule: string, options: Opts & { code?: ErrorCode; value?: unknown } = {}) {
    const shown = 'value' in options ? showValue(options.value) : undefined;
    super(
      options.code ?? 'INVALID_ARGUMENT',
      `${field}: ${rule}${shown === undefined ? '' : ` (got ${shown})`}`,
      {
        ...options,
        details: { field, rule, ...(shown === undefined ? {} : { value: shown }), ...options.details },
      },
    );
    this.field = field;
    this.rule = rule;
  }
}

/** The command line itself is malformed. */
export class UsageError extends HvError {
  constructor(message: string, options: Opts = {}) {
    super('USAGE', message, options);
  }
}

/** The configuration file is wrong; the message names the key. */
export class ConfigError extends HvError {
  constructor(message: string, options: Opts = {}) {
    super('CONFIG_INVALID', message, options);
  }
}

/** A program or package hv needs is missing. */
export class DependencyError extends HvError {
  constructor(message: string, options: Opts = {}) {
    super('DEPENDENCY_MISSING', message, options);
  }
}

/** The caller lacks a permission. */
export class PermissionError extends HvError {
  constructor(message: string, options: Opts = {}) {
    super('PERMISSION_DENIED', message, options);
  }
}

/** Something could not be reached over the network (or libvirtd's socket). */
export class NetworkError extends HvError {
  constructor(
    message: string,
    options: Opts & { code?: 'NETWORK_ERROR' | 'LIBVIRT_UNAVAILABLE' | 'REMOTE_NOT_FOUND' } = {},
  ) {
    super(options.code ?? 'NETWORK_ERROR', message, options);
  }
}

/** A VM operation failed, or the VM does not exist, or is in the wrong state. */
export class VmError extends HvError {
  constructor(
    message: string,
    options: Opts & { code?: 'VM_ERROR' | 'VM_NOT_FOUND' | 'VM_STATE_INVALID' } = {},
  ) {
    super(options.code ?? 'VM_ERROR', message, options);
  }
}

/** A storage operation failed, an object is missing, or space ran out. */
export class StorageError extends HvError {
  constructor(
    message: string,
    options: Opts & { code?: 'STORAGE_ERROR' | 'STORAGE_NOT_FOUND' | 'STORAGE_FULL' } = {},
  ) {
    super(options.code ?? 'STORAGE_ERROR', message, options);
  }
}

/** The operation ran out of time. */
export class TimeoutError extends HvError {
  constructor(message: string, options: Opts = {}) {
    super('TIMEOUT', message, options);
  }
}

/** A lock is held or an object already exists; the message says who or what. */
export class ConflictError extends HvError {
  constructor(message: string, options: Opts & { code?: 'LOCK_HELD' | 'ALREADY_EXISTS' | 'IN_USE' } = {}) {
    super(options.code ?? 'ALREADY_EXISTS', message, options);
  }
}

/** A check (doctor, verify) found problems; details hold the findings. */
export class CheckFailedError extends HvError {
  constructor(message: string, options: Opts = {}) {
    super('CHECK_FAILED', message, options);
  }
}

/** What kind of verification failed (see the error table). */
export type VerificationCode =
  'CHECKSUM_MISMATCH' | 'SIGNATURE_INVALID' | 'SIGNING_KEY_MISSING' | 'IMAGE_UNVERIFIED';

/**
 * Something downloaded or stored could not be proven authentic: a checksum differs, a signature is
 * bad or by an unpinned key, the signing key is missing, or there was nothing to check against.
 */
export class VerificationError extends HvError {
  constructor(message: string, options: Opts & { code: VerificationCode }) {
    super(options.code, message, options);
  }
}

/** The user interrupted the operation (Ctrl-C). */
export class InterruptedError extends HvError {
  constructor(message = 'interrupted', options: Opts = {}) {
    super('INTERRUPTED', message, options);
  }
}

/** libvirt refused an operation in a way no more specific family covers. */
export class LibvirtOperationError extends HvError {
  constructor(message: string, options: Opts & { code?: 'LIBVIRT_ERROR' | 'NOT_SUPPORTED' } = {}) {
    super(options.code ?? 'LIBVIRT_ERROR', message, options);
  }
}

/** An external program hv ran (qemu-img, nft, an editor...) failed; carries its exit code and stderr. */
export class CommandError extends HvError {
  /** The program and its arguments, as run. */
  readonly command: readonly string[];
  /**
   * The program's exit status, or null when a signal ended it. (`exitCode` is taken by HvError for
   * hv's own exit status; details.exitCode carries this value in the JSON shape.)
   */
  readonly programExitCode: number | null;
  /** Its captured standard error (cut to the last 4 KiB). */
  readonly stderr: string;
  constructor(
    command: readonly string[],
    result: { exitCode: number | null; signal?: string | null; stderr: string },
    options: Opts = {},
  ) {
    const lastLine = result.stderr.trim().split('\n').pop() ?? '';
    const how =
      result.exitCode === null
        ? `was killed by ${result.signal ?? 'a signal'}`
        : `exited with ${result.exitCode}`;
    super('COMMAND_FAILED', `${command[0] ?? '?'} ${how}${lastLine === '' ? '' : `: ${lastLine}`}`, {
      ...options,
      details: {
        command: [...command],
        exitCode: result.exitCode,
        stderr: result.stderr,
        ...options.details,
      },
    });
    this.command = command;
    // HvError.exitCode is hv's own exit status; the program's is kept apart.
    this.programExitCode = result.exitCode;
    this.stderr = result.stderr;
  }
}
