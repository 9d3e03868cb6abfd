import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fromLibvirtError } from './libvirt-errors.js';
import {
  ErrorNumber,
  LibvirtAbortError,
  LibvirtAuthError,
  LibvirtError,
  LibvirtTimeoutError,
  LibvirtUnavailableError,
  LibvirtUriError,
} from '../libvirt/index.js';
import { HvError, VmError } from './errors/index.js';

const E = ErrorNumber;

/** [virErrorNumber, expected hv code, expected family, expected exit code]. */
const TABLE: [number, string, string, number][] = [
  [E.VIR_ERR_NO_DOMAIN, 'VM_NOT_FOUND', 'VmError', 7],
  [E.VIR_ERR_OPERATION_INVALID, 'VM_STATE_INVALID', 'VmError', 7],
  [E.VIR_ERR_NO_STORAGE_POOL, 'STORAGE_NOT_FOUND', 'StorageError', 8],
  [E.VIR_ERR_NO_STORAGE_VOL, 'STORAGE_NOT_FOUND', 'StorageError', 8],
  [E.VIR_ERR_AUTH_FAILED, 'PERMISSION_DENIED', 'PermissionError', 3],
  [E.VIR_ERR_ACCESS_DENIED, 'PERMISSION_DENIED', 'PermissionError', 3],
  [E.VIR_ERR_OPERATION_DENIED, 'PERMISSION_DENIED', 'PermissionError', 3],
  [E.VIR_ERR_NO_CONNECT, 'LIBVIRT_UNAVAILABLE', 'NetworkError', 5],
  [E.VIR_ERR_OPERATION_TIMEOUT, 'TIMEOUT', 'TimeoutError', 9],
  [E.VIR_ERR_NO_SUPPORT, 'NOT_SUPPORTED', 'LibvirtOperationError', 1],
  [E.VIR_ERR_OPERATION_UNSUPPORTED, 'NOT_SUPPORTED', 'LibvirtOperationError', 1],
  [E.VIR_ERR_DOM_EXIST, 'ALREADY_EXISTS', 'ConflictError', 10],
  [E.VIR_ERR_STORAGE_VOL_EXIST, 'ALREADY_EXISTS', 'ConflictError', 10],
  [E.VIR_ERR_NETWORK_EXIST, 'ALREADY_EXISTS', 'ConflictError', 10],
  [E.VIR_ERR_INTERNAL_ERROR, 'LIBVIRT_ERROR', 'LibvirtOperationError', 1],
  [E.VIR_ERR_XML_ERROR, 'LIBVIRT_ERROR', 'LibvirtOperationError', 1],
];

describe('fromLibvirtError', () => {
  for (const [code, hvCode, family, exit] of TABLE) {
    it(`maps virErrorNumber ${code} to ${hvCode}`, () => {
      const err = fromLibvirtError(new LibvirtError({ code, message: `libvirt says ${code}` }), 'VM web-1');
      assert.equal(err.code, hvCode);
      assert.equal(err.constructor.name, family);
      assert.equal(err.exitCode, exit);
      assert.equal(err.message, `VM web-1: libvirt says ${code}`);
      assert.equal(err.details.libvirtCode, code);
    });
  }

  it('maps the transport-level errors', () => {
    assert.equal(
      fromLibvirtError(new LibvirtUnavailableError('gone', { reason: 'lost' })).code,
      'LIBVIRT_UNAVAILABLE',
    );
    assert.equal(
      fromLibvirtError(new LibvirtUnavailableError('no', { reason: 'permission' })).code,
      'PERMISSION_DENIED',
    );
    assert.equal(fromLibvirtError(new LibvirtTimeoutError('slow')).code, 'TIMEOUT');
    assert.equal(fromLibvirtError(new LibvirtAuthError('sasl only')).code, 'PERMISSION_DENIED');
    assert.equal(fromLibvirtError(new LibvirtAbortError('stop')).code, 'INTERRUPTED');
    const uri = fromLibvirtError(new LibvirtUriError('unknown-transport', 'x:///', 'unknown scheme x'));
    assert.equal(uri.code, 'INVALID_ARGUMENT');
  });

  it('passes HvErrors through and wraps anything else as INTERNAL', () => {
    const vm = new VmError('x', { code: 'VM_NOT_FOUND' });
    assert.equal(fromLibvirtError(vm), vm);
    const other = fromLibvirtError(new RangeError('boom'));
    assert.ok(other instanceof HvError);
    assert.equal(other.code, 'INTERNAL');
  });
});
