// Why: one import path for every error the libvirt layer throws, so callers match on types, not text.
/** @public */
export { LibvirtProtocolError, type LibvirtErrorOptions } from './libvirt-protocol-error.js';
/** @public */
export { XdrError } from './xdr-error.js';
/** @public */
export {
  LibvirtUnavailableError,
  type LibvirtUnavailableErrorOptions,
  type LibvirtUnavailableReason,
} from './libvirt-unavailable-error.js';
/** @public */
export { LibvirtTimeoutError, type LibvirtTimeoutErrorOptions } from './libvirt-timeout-error.js';
/** @public */
export { LibvirtAbortError } from './libvirt-abort-error.js';
/** @public */
export { LibvirtAuthError } from './libvirt-auth-error.js';
/** @public */
export { LibvirtError, type LibvirtErrorInit } from './libvirt-error.js';
/** @public */
export {
  ErrorNumber,
  ErrorDomain,
  ErrorLevel,
  errorCodeName,
  errorDomainName,
  type ErrorNumberName,
  type ErrorDomainName,
} from './error-numbers.js';
/** @public */
export { remoteError, decodeRemoteError, libvirtErrorFromRemote, type RemoteError } from './remote-error.js';
