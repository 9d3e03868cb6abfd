// The one table of hv's error codes: each stable code maps to a process exit code and an HTTP status.
// The CLI edge, the HTTP API and docs/exit-codes.md all read this table; nothing else invents numbers.

/** Process exit codes hv uses, with their meaning (documented in docs/exit-codes.md). */
export const EXIT_CODES = {
  0: 'success',
  1: 'general error',
  2: 'missing dependency',
  3: 'permission denied',
  4: 'invalid argument',
  5: 'network error (libvirtd or a remote host cannot be reached)',
  6: 'configuration error',
  7: 'VM error',
  8: 'storage error',
  9: 'timed out',
  10: 'conflict: a lock is held, the object already exists, or it is in use',
  11: 'a check found problems (including a failed checksum or signature verification)',
  130: 'interrupted (Ctrl-C / SIGINT; SIGTERM exits 143, SIGHUP 129)',
} as const;

/** An exit code from {@link EXIT_CODES}. */
export type ExitCode = keyof typeof EXIT_CODES;

interface ErrorCodeInfo {
  readonly exit: ExitCode;
  readonly http: number;
  readonly summary: string;
}

/** Every stable error code, its exit code, HTTP status and a one-line meaning. */
export const ERROR_CODES = {
  GENERAL: { exit: 1, http: 500, summary: 'an error with no more specific code' },
  INTERNAL: { exit: 1, http: 500, summary: 'a bug in hv: please report it' },
  NOT_SUPPORTED: { exit: 1, http: 501, summary: 'the operation is not supported here' },
  LIBVIRT_ERROR: { exit: 1, http: 502, summary: 'libvirt refused the operation' },
  COMMAND_FAILED: {
    exit: 1,
    http: 502,
    summary: 'an external program hv ran (qemu-img, an editor...) failed',
  },
  DEPENDENCY_MISSING: { exit: 2, http: 503, summary: 'a program or package hv needs is not installed' },
  PERMISSION_DENIED: { exit: 3, http: 403, summary: 'not allowed: run as root or fix permissions' },
  INVALID_ARGUMENT: { exit: 4, http: 400, summary: 'an argument or field breaks a rule' },
  USAGE: { exit: 4, http: 400, summary: 'the command line is malformed (unknown flag, missing argument)' },
  PROFILE_INVALID: { exit: 4, http: 422, summary: 'a VM profile breaks a rule' },
  NETWORK_ERROR: { exit: 5, http: 502, summary: 'a network operation failed' },
  LIBVIRT_UNAVAILABLE: { exit: 5, http: 503, summary: 'libvirtd cannot be reached' },
  REMOTE_NOT_FOUND: {
    exit: 5,
    http: 502,
    summary: 'a server has nothing at that URL (HTTP 404 or 410)',
  },
  CONFIG_INVALID: { exit: 6, http: 500, summary: 'the configuration file is missing a key or breaks a rule' },
  VM_ERROR: { exit: 7, http: 500, summary: 'a VM operation failed' },
  VM_NOT_FOUND: { exit: 7, http: 404, summary: 'no VM has that name' },
  VM_STATE_INVALID: { exit: 7, http: 409, summary: 'the VM is in the wrong state for this operation' },
  STORAGE_ERROR: { exit: 8, http: 500, summary: 'a storage operation failed' },
  STORAGE_NOT_FOUND: { exit: 8, http: 404, summary: 'no storage pool, volume or file has that name' },
  STORAGE_FULL: { exit: 8, http: 507, summary: 'not enough free space' },
  TIMEOUT: { exit: 9, http: 504, summary: 'the operation did not finish in time' },
  LOCK_HELD: { exit: 10, http: 409, summary: 'another operation holds the lock' },
  ALREADY_EXISTS: { exit: 10, http: 409, summary: 'an object with that name already exists' },
  IN_USE: {
    exit: 10,
    http: 409,
    summary: 'the object is in use (e.g. a VM uses the image); the message says by what',
  },
  CHECK_FAILED: { exit: 11, http: 422, summary: 'a check found problems' },
  CHECKSUM_MISMATCH: {
    exit: 11,
    http: 422,
    summary: "a file's checksum differs from the published or recorded one",
  },
  SIGNATURE_INVALID: {
    exit: 11,
    http: 422,
    summary: 'a GPG signature is bad, expired, or made by a key that is not pinned for the image',
  },
  SIGNING_KEY_MISSING: {
    exit: 11,
    http: 422,
    summary: "the key that made a signature is not in hv's keyring directory (images.keyring_dir)",
  },
  IMAGE_UNVERIFIED: {
    exit: 11,
    http: 422,
    summary: 'an image has no checksum or signature to check and --insecure was not given',
  },
  INTERRUPTED: { exit: 130, http: 499, summary: 'interrupted before it finished' },
} as const satisfies Record<string, ErrorCodeInfo>;

/** A stable error code string. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** The exit code for an error code. */
export function exitCodeFor(code: ErrorCode): ExitCode {
  return ERROR_CODES[code].exit;
}

/** The HTTP status for an error code. */
export function httpStatusFor(code: ErrorCode): number {
  return ERROR_CODES[code].http;
}
