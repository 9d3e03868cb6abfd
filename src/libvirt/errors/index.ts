// Why: one import path for every error the libvirt layer throws, so callers match on types, not text.
export { LibvirtProtocolError, type LibvirtErrorOptions } from './libvirt-protocol-error.js';
export { XdrError } from './xdr-error.js';
export {
  LibvirtUnavailableError,
  type LibvirtUnavailableErrorOptions,
  type LibvirtUnavailableReason,
} from './libvirt-unavailable-error.js';
export { LibvirtTimeoutError, type LibvirtTimeoutErrorOptions } from './libvirt-timeout-error.js';
export { LibvirtAbortError } from './libvirt-abort-error.js';
export { LibvirtAuthError } from './libvirt-auth-error.js';
export { LibvirtError, type LibvirtErrorInit } from './libvirt-error.js';
export {
  ErrorNumber,
  ErrorDomain,
  ErrorLevel,
  errorCodeName,
  errorDomainName,
  type ErrorNumberName,
  type ErrorDomainName,
} from './error-numbers.js';
export { remoteError, decodeRemoteError, libvirtErrorFromRemote, type RemoteError } from './remote-error.js';
