// LibvirtError predicates and names, the virErrorNumber table, and the transport error types.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ErrorDomain,
  ErrorNumber,
  LibvirtAbortError,
  LibvirtAuthError,
  LibvirtError,
  LibvirtProtocolError,
  LibvirtTimeoutError,
  LibvirtUnavailableError,
  XdrError,
  decodeRemoteError,
  errorCodeName,
  remoteError,
} from './index.js';
import { encode } from '../xdr/codec.js';

describe('error numbers', () => {
  it('match virterror.h anchors and are unique', () => {
    assert.equal(ErrorNumber.VIR_ERR_OK, 0);
    assert.equal(ErrorNumber.VIR_ERR_NO_SUPPORT, 3);
    assert.equal(ErrorNumber.VIR_WAR_NO_NETWORK, 41);
    assert.equal(ErrorNumber.VIR_ERR_NO_DOMAIN, 42);
    assert.equal(ErrorNumber.VIR_ERR_OPERATION_INVALID, 55);
    assert.equal(ErrorNumber.VIR_ERR_AGENT_UNRESPONSIVE, 86);
    assert.equal(ErrorNumber.VIR_ERR_NO_DOMAIN_CHECKPOINT, 103);
    assert.equal(ErrorNumber.VIR_ERR_MULTIPLE_DOMAINS, 110);
    assert.equal(ErrorDomain.VIR_FROM_QEMU, 10);
    assert.equal(ErrorDomain.VIR_FROM_CH, 72);
    const values = Object.values(ErrorNumber);
    assert.equal(new Set(values).size, values.length);
    values.forEach((v, i) => {
      assert.equal(v, i, 'contiguous from 0');
    });
  });
  it('unknown codes get a stable placeholder name', () => {
    assert.equal(errorCodeName(42), 'VIR_ERR_NO_DOMAIN');
    assert.equal(errorCodeName(999), 'VIR_ERR_UNKNOWN_999');
  });
});

describe('LibvirtError', () => {
  const predicates: [string, (e: LibvirtError) => boolean, number][] = [
    ['isNoDomain', (e) => e.isNoDomain(), 42],
    ['isDomainExists', (e) => e.isDomainExists(), 28],
    ['isNoNetwork', (e) => e.isNoNetwork(), 43],
    ['isNoStoragePool', (e) => e.isNoStoragePool(), 49],
    ['isNoStorageVol', (e) => e.isNoStorageVol(), 50],
    ['isOperationInvalid', (e) => e.isOperationInvalid(), 55],
    ['isNoSupport', (e) => e.isNoSupport(), 3],
    ['isAuthFailed', (e) => e.isAuthFailed(), 45],
    ['isOperationTimeout', (e) => e.isOperationTimeout(), 68],
    ['isNoDomainSnapshot', (e) => e.isNoDomainSnapshot(), 72],
    ['isNoDomainCheckpoint', (e) => e.isNoDomainCheckpoint(), 103],
    ['isAgentUnresponsive', (e) => e.isAgentUnresponsive(), 86],
    ['isOperationUnsupported', (e) => e.isOperationUnsupported(), 84],
    ['isConfigUnsupported', (e) => e.isConfigUnsupported(), 67],
    ['isInvalidArg', (e) => e.isInvalidArg(), 8],
    ['isArgumentUnsupported', (e) => e.isArgumentUnsupported(), 74],
    ['isAccessDenied', (e) => e.isAccessDenied(), 88],
    ['isNoDomainMetadata', (e) => e.isNoDomainMetadata(), 80],
  ];
  for (const [name, predicate, code] of predicates) {
    it(`${name}() is true only for code ${code}`, () => {
      assert.equal(predicate(new LibvirtError({ code })), true);
      assert.equal(predicate(new LibvirtError({ code: code === 1 ? 2 : 1 })), false);
    });
  }
  it('defaults message, level and extras', () => {
    const err = new LibvirtError({ code: 55 });
    assert.equal(err.message, 'libvirt error VIR_ERR_OPERATION_INVALID (code 55)');
    assert.equal(err.level, 2);
    assert.equal(err.str1, null);
    assert.equal(err.name, 'LibvirtError');
    assert.equal(err.is('VIR_ERR_OPERATION_INVALID'), true);
    assert.equal(err.is(55), true);
    assert.ok(err instanceof Error);
  });
  it('decodes a remote_error round trip including dom and net', () => {
    const uuid = Buffer.alloc(16, 7);
    const payload = encode(remoteError, {
      code: 43,
      domain: 19,
      message: "Network not found: no network with matching name 'x'",
      level: 2,
      dom: { name: 'vm', uuid, id: -1 },
      str1: null,
      str2: 'x',
      str3: null,
      int1: -1,
      int2: 0,
      net: { name: 'x', uuid },
    });
    const err = decodeRemoteError(payload);
    assert.equal(err.isNoNetwork(), true);
    assert.equal(err.domainName, 'VIR_FROM_NETWORK');
    assert.deepEqual(err.dom, { name: 'vm', uuid, id: -1 });
    assert.deepEqual(err.net, { name: 'x', uuid });
    assert.equal(err.str2, 'x');
    assert.equal(err.int1, -1);
  });
  it('a truncated remote_error is an XdrError', () => {
    assert.throws(() => decodeRemoteError(Buffer.from('0000002a', 'hex')), XdrError);
  });
});

describe('transport and protocol errors', () => {
  it('carry a stable kind and keep their cause', () => {
    const cause = new Error('ECONNRESET');
    const cases: [Error & { kind: string }, string][] = [
      [new LibvirtProtocolError('bad', { cause }), 'protocol'],
      [new XdrError('bad', { cause }), 'xdr'],
      [new LibvirtUnavailableError('gone', { cause, reason: 'lost' }), 'unavailable'],
      [new LibvirtTimeoutError('slow', { cause, procedure: 'DOMAIN_GET_STATE', timeoutMs: 5 }), 'timeout'],
      [new LibvirtAbortError('stop', { cause }), 'abort'],
      [new LibvirtAuthError('SASL only', { cause }), 'auth'],
    ];
    for (const [err, kind] of cases) {
      assert.equal(err.kind, kind);
      assert.equal(err.cause, cause);
      assert.equal(err.name, err.constructor.name);
    }
  });
  it('XdrError is a LibvirtProtocolError', () => {
    assert.ok(new XdrError('x') instanceof LibvirtProtocolError);
  });
  it('LibvirtUnavailableError reason defaults to other; timeout names the procedure', () => {
    assert.equal(new LibvirtUnavailableError('x').reason, 'other');
    assert.equal(new LibvirtUnavailableError('x', { reason: 'not-running' }).reason, 'not-running');
    const t = new LibvirtTimeoutError('x', { procedure: 'CONNECT_OPEN' });
    assert.equal(t.procedure, 'CONNECT_OPEN');
    assert.equal(new LibvirtTimeoutError('x').procedure, undefined);
    assert.equal(new LibvirtAbortError('x').cause, undefined);
  });
});
