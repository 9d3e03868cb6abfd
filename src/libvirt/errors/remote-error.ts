// Why: a REPLY or STREAM with status ERROR carries remote_error instead of the normal reply. Decoding
// it in one place turns every daemon failure into the same LibvirtError shape.
import { decode, xdr, type CodecType } from '../xdr/codec.js';
import { remoteDomain, remoteNetwork, remoteString } from '../protocol/remote-types.js';
import { LibvirtError } from './libvirt-error.js';

/** remote_error (remote_protocol.x). */
export const remoteError = xdr.struct({
  code: xdr.int,
  domain: xdr.int,
  message: remoteString,
  level: xdr.int,
  dom: remoteDomain,
  str1: remoteString,
  str2: remoteString,
  str3: remoteString,
  int1: xdr.int,
  int2: xdr.int,
  net: remoteNetwork,
});

/**
 * A decoded remote_error.
 * @public
 */
export type RemoteError = CodecType<typeof remoteError>;

/**
 * LibvirtError from a decoded remote_error.
 * @public
 */
export function libvirtErrorFromRemote(e: RemoteError): LibvirtError {
  return new LibvirtError(e);
}

/** Decode an ERROR payload into a LibvirtError (throws XdrError if the payload is not a remote_error). */
export function decodeRemoteError(payload: Buffer): LibvirtError {
  return libvirtErrorFromRemote(decode(remoteError, payload));
}
