// HvError: the one error type core and interfaces throw. It carries a stable code (never match on text),
// a message that names the object and the rule broken, optional structured details, and the cause.
import { type ErrorCode, exitCodeFor, httpStatusFor, type ExitCode } from './error-codes.js';

/** Structured, JSON-safe details about an error (field names, paths, holders of locks...). */
export type ErrorDetails = Record<string, unknown>;

interface HvErrorOptions {
  details?: ErrorDetails;
  cause?: unknown;
}

/** Base of every error hv reports; subclasses fix the family, `code` the exact case. */
export class HvError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, options: HvErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options.details ?? {};
  }

  /** Process exit code from the table. */
  get exitCode(): ExitCode {
    return exitCodeFor(this.code);
  }

  /** HTTP status from the table. */
  get httpStatus(): number {
    return httpStatusFor(this.code);
  }

  /** The JSON error shape shared by the CLI (--json) and the HTTP API. */
  toJSON(): { error: { code: ErrorCode; message: string; details: ErrorDetails } } {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}
