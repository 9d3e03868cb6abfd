// Why: a daemon error payload that itself fails to decode must still settle the call, with a protocol
// error naming the cause, instead of escaping into the socket handler.
import { decodeRemoteError, LibvirtProtocolError, type LibvirtError } from '../errors/index.js';

/** The LibvirtError in an ERROR payload, or a LibvirtProtocolError when it is not a remote_error. */
export function errorFromPayload(payload: Buffer): LibvirtError | LibvirtProtocolError {
  try {
    return decodeRemoteError(payload);
  } catch (err) {
    return new LibvirtProtocolError('undecodable error reply from the daemon', { cause: err });
  }
}
