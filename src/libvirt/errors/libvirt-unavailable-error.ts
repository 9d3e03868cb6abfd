// Why: "libvirt is not there" (socket missing, refused, connection lost or closed) is the one failure a
// caller may retry or report as a host problem, distinct from a daemon error about an object.

/** Why libvirt was unavailable; `other` when the transport could not tell. */
export type LibvirtUnavailableReason =
  | 'not-running'
  | 'refused'
  | 'permission'
  | 'timeout'
  | 'unreachable'
  | 'closed'
  | 'lost'
  | 'keepalive'
  | 'other';

/** Options of {@link LibvirtUnavailableError}. */
export interface LibvirtUnavailableErrorOptions {
  readonly reason?: LibvirtUnavailableReason;
  readonly cause?: unknown;
}

/** The connection to libvirt could not be made, was refused, was lost or is closed. */
export class LibvirtUnavailableError extends Error {
  /** Stable discriminator for matching without instanceof. */
  readonly kind = 'unavailable';
  /** Finer reason (default `other`). */
  readonly reason: LibvirtUnavailableReason;

  constructor(message: string, options: LibvirtUnavailableErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.reason = options.reason ?? 'other';
  }
}
