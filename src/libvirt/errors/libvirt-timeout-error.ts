// Why: a call that got no reply in time is neither a daemon error nor a lost connection; callers retry
// or report it differently, and the procedure name makes the message actionable.
import type { LibvirtErrorOptions } from './libvirt-protocol-error.js';

/** Options of {@link LibvirtTimeoutError}. */
export interface LibvirtTimeoutErrorOptions extends LibvirtErrorOptions {
  /** Procedure name, e.g. `DOMAIN_GET_XML_DESC`. */
  readonly procedure?: string;
  /** The timeout that elapsed, in milliseconds. */
  readonly timeoutMs?: number;
}

/** A libvirt call (or connection step) did not complete within its timeout. */
export class LibvirtTimeoutError extends Error {
  /** Stable discriminator for matching without instanceof. */
  readonly kind = 'timeout';
  /** The procedure that timed out, when known. */
  readonly procedure: string | undefined;
  /** The timeout that elapsed, when known. */
  readonly timeoutMs: number | undefined;

  constructor(message: string, options: LibvirtTimeoutErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.procedure = options.procedure;
    this.timeoutMs = options.timeoutMs;
  }
}
