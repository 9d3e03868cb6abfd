// Why: an AbortSignal firing is the caller's own decision, never a libvirt fault; keeping it apart lets
// interfaces report "interrupted" instead of an error.
import type { LibvirtErrorOptions } from './libvirt-protocol-error.js';

/** A call or connection attempt was aborted through an AbortSignal (cause = the signal's reason). */
export class LibvirtAbortError extends Error {
  /** Stable discriminator for matching without instanceof. */
  readonly kind = 'abort';

  constructor(message: string, options: LibvirtErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
  }
}
