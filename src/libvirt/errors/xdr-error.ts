// Why: XDR decoding failures (bounds, lengths over a limit, bad discriminants) and encoding range errors
// are protocol errors, but tests and callers want to tell them apart from framing problems.
import { LibvirtProtocolError, type LibvirtErrorOptions } from './libvirt-protocol-error.js';

/** An XDR value that cannot be encoded (out of range, too long) or decoded (truncated, over a limit). */
export class XdrError extends LibvirtProtocolError {
  override readonly kind: string = 'xdr';

  constructor(message: string, options: LibvirtErrorOptions = {}) {
    super(message, options);
  }
}
