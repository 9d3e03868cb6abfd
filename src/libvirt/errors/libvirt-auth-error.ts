// Why: authentication problems (SASL-only daemons, polkit refusals, bad TLS/SSH credentials) need a fix
// by the operator, not a retry, so they get their own type.
import type { LibvirtErrorOptions } from './libvirt-protocol-error.js';

/** Authentication with libvirt (or its transport) is unsupported or failed. */
export class LibvirtAuthError extends Error {
  /** Stable discriminator for matching without instanceof. */
  readonly kind = 'auth';

  constructor(message: string, options: LibvirtErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
  }
}
