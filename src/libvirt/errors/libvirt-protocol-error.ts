// Why: a peer that sends malformed, truncated or oversized data is a different failure from a daemon
// error reply; the connection layer drops the connection on this one, so it needs its own type.

/** Options shared by hv's libvirt transport/protocol errors. */
export interface LibvirtErrorOptions {
  /** The underlying error, if any. */
  readonly cause?: unknown;
}

/** A malformed, truncated or oversized packet or XDR payload (the connection cannot be trusted). */
export class LibvirtProtocolError extends Error {
  /** Stable discriminator for matching without instanceof. */
  readonly kind: string = 'protocol';

  constructor(message: string, options: LibvirtErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
  }
}
