// Why: libvirt reports failures as virErrorNumber codes; hv reports them as HvError families with
// stable codes and exit statuses. This is the one place that translation happens, so a missing domain is
// VM_NOT_FOUND (exit 7) everywhere and no caller matches on libvirt's message text.
import {
  ConflictError,
  HvError,
  InterruptedError,
  LibvirtOperationError,
  NetworkError,
  PermissionError,
  StorageError,
  TimeoutError,
  ValidationError,
  VmError,
} from './errors/index.js';
import {
  LibvirtAbortError,
  LibvirtAuthError,
  LibvirtError,
  LibvirtTimeoutError,
  LibvirtUnavailableError,
} from '../libvirt/index.js';
import { LibvirtUriError } from '../libvirt/index.js';

type Family = (message: string, opts: { details: Record<string, unknown>; cause: unknown }) => HvError;

const vm =
  (code: 'VM_NOT_FOUND' | 'VM_STATE_INVALID' | 'VM_ERROR'): Family =>
  (m, o) =>
    new VmError(m, { ...o, code });
const storage =
  (code: 'STORAGE_NOT_FOUND' | 'STORAGE_ERROR'): Family =>
  (m, o) =>
    new StorageError(m, { ...o, code });
const permission: Family = (m, o) => new PermissionError(m, o);
const unavailable: Family = (m, o) => new NetworkError(m, { ...o, code: 'LIBVIRT_UNAVAILABLE' });
const timeout: Family = (m, o) => new TimeoutError(m, o);
const notSupported: Family = (m, o) => new LibvirtOperationError(m, { ...o, code: 'NOT_SUPPORTED' });
const exists: Family = (m, o) => new ConflictError(m, { ...o, code: 'ALREADY_EXISTS' });

/** virErrorNumber name (without VIR_ERR_) -> hv family. Anything else is LIBVIRT_ERROR. */
const BY_CODE_NAME: Readonly<Record<string, Family>> = {
  NO_DOMAIN: vm('VM_NOT_FOUND'),
  OPERATION_INVALID: vm('VM_STATE_INVALID'),
  NO_STORAGE_POOL: storage('STORAGE_NOT_FOUND'),
  NO_STORAGE_VOL: storage('STORAGE_NOT_FOUND'),
  AUTH_FAILED: permission,
  AUTH_CANCELLED: permission,
  AUTH_UNAVAILABLE: permission,
  ACCESS_DENIED: permission,
  OPERATION_DENIED: permission,
  NO_CONNECT: unavailable,
  OPERATION_TIMEOUT: timeout,
  NO_SUPPORT: notSupported,
  OPERATION_UNSUPPORTED: notSupported,
  CONFIG_UNSUPPORTED: notSupported,
  DOM_EXIST: exists,
  NETWORK_EXIST: exists,
  STORAGE_VOL_EXIST: exists,
  NETWORK_PORT_EXIST: exists,
};

/** The virErrorNumber name without its VIR_ERR_/VIR_WAR_ prefix (e.g. NO_DOMAIN). */
function shortCodeName(err: LibvirtError): string {
  return err.codeName.replace(/^VIR_(ERR|WAR)_/, '');
}

/**
 * Translate anything thrown by the libvirt layer into an HvError (HvErrors pass through unchanged).
 * `what` names the object for messages that lack it, e.g. `VM web-1`.
 */
export function fromLibvirtError(err: unknown, what?: string): HvError {
  if (err instanceof HvError) return err;
  const prefix = what === undefined ? '' : `${what}: `;
  if (err instanceof LibvirtUriError) {
    return new ValidationError('connect', err.message, { cause: err });
  }
  if (err instanceof LibvirtAbortError) return new InterruptedError(`${prefix}interrupted`, { cause: err });
  if (err instanceof LibvirtTimeoutError) return new TimeoutError(`${prefix}${err.message}`, { cause: err });
  if (err instanceof LibvirtAuthError) return new PermissionError(`${prefix}${err.message}`, { cause: err });
  if (err instanceof LibvirtUnavailableError) {
    if (err.reason === 'permission') return new PermissionError(err.message, { cause: err });
    return new NetworkError(err.message, { code: 'LIBVIRT_UNAVAILABLE', cause: err });
  }
  if (err instanceof LibvirtError) {
    const name = shortCodeName(err);
    const details = { libvirtCode: err.code, libvirtError: name, libvirtDomain: err.domain };
    const family = BY_CODE_NAME[name];
    const message = `${prefix}${err.message}`;
    if (family !== undefined) return family(message, { details, cause: err });
    return new LibvirtOperationError(message, { code: 'LIBVIRT_ERROR', details, cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new HvError('INTERNAL', `${prefix}unexpected error: ${message}`, { cause: err });
}
