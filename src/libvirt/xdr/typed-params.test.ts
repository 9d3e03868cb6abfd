// Typed parameters: golden bytes for all seven kinds and the record helpers.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decode, encode } from './codec.js';
import {
  nodeStatParam,
  toTypedParams,
  typedParam,
  typedParams,
  typedParamsToRecord,
  type TypedParam,
} from './typed-params.js';
import { XdrError } from '../errors/xdr-error.js';

const h = (s: string): string => s.replace(/\s+/g, '');

// field "a" = 00000001 61000000
const cases: [TypedParam, string][] = [
  [{ field: 'a', value: { type: 'int', value: -1 } }, '00000001 61000000 00000001 ffffffff'],
  [{ field: 'a', value: { type: 'uint', value: 4294967295 } }, '00000001 61000000 00000002 ffffffff'],
  [{ field: 'a', value: { type: 'llong', value: -2n } }, '00000001 61000000 00000003 fffffffffffffffe'],
  [
    { field: 'a', value: { type: 'ullong', value: 2n ** 64n - 1n } },
    '00000001 61000000 00000004 ffffffffffffffff',
  ],
  [{ field: 'a', value: { type: 'double', value: 1.5 } }, '00000001 61000000 00000005 3ff8000000000000'],
  [{ field: 'a', value: { type: 'boolean', value: true } }, '00000001 61000000 00000006 00000001'],
  [{ field: 'a', value: { type: 'string', value: 'xyz' } }, '00000001 61000000 00000007 00000003 78797a00'],
];

describe('typed params', () => {
  for (const [param, hex] of cases) {
    it(`${param.value.type}: golden bytes both ways`, () => {
      assert.equal(encode(typedParam, param).toString('hex'), h(hex));
      assert.deepEqual(decode(typedParam, Buffer.from(h(hex), 'hex')), param);
    });
  }
  it('an unknown type code is an XdrError', () => {
    assert.throws(
      () => decode(typedParam, Buffer.from(h('00000001 61000000 00000008 00000000'), 'hex')),
      XdrError,
    );
  });
  it('a list is a counted array with a limit', () => {
    const list = cases.map(([p]) => p);
    const c = typedParams(7);
    assert.deepEqual(decode(c, encode(c, list)), list);
    assert.equal(encode(c, list).readUInt32BE(0), 7);
    assert.throws(() => encode(typedParams(6), list), XdrError);
  });
  it('typedParamsToRecord keeps bigint for 64-bit kinds and the first of repeated fields', () => {
    const rec = typedParamsToRecord([
      { field: 'state.state', value: { type: 'int', value: 1 } },
      { field: 'balloon.current', value: { type: 'ullong', value: 2n ** 60n } },
      { field: 'migrate_disks', value: { type: 'string', value: 'vda' } },
      { field: 'migrate_disks', value: { type: 'string', value: 'vdb' } },
    ]);
    assert.deepEqual(rec, { 'state.state': 1, 'balloon.current': 2n ** 60n, migrate_disks: 'vda' });
  });
  it('toTypedParams uses the given kinds and checks values', () => {
    const params = toTypedParams(
      { bandwidth: 100, cpu_shares: 1024n, persistent_xml: '<domain/>', auto: true },
      { bandwidth: 'ullong', cpu_shares: 'ullong', persistent_xml: 'string', auto: 'boolean' },
    );
    assert.deepEqual(params, [
      { field: 'bandwidth', value: { type: 'ullong', value: 100n } },
      { field: 'cpu_shares', value: { type: 'ullong', value: 1024n } },
      { field: 'persistent_xml', value: { type: 'string', value: '<domain/>' } },
      { field: 'auto', value: { type: 'boolean', value: true } },
    ]);
    assert.throws(() => toTypedParams({ x: 1 }, {}), /no typed-parameter kind/);
    assert.throws(() => toTypedParams({ x: -1 }, { x: 'uint' }), TypeError);
    assert.throws(() => toTypedParams({ x: 'a' }, { x: 'int' }), TypeError);
    assert.throws(() => toTypedParams({ x: 2 ** 60 }, { x: 'llong' }), TypeError);
    assert.throws(() => toTypedParams({ x: -1n }, { x: 'ullong' }), TypeError);
  });
  it('toTypedParams and typedParamsToRecord round-trip', () => {
    const rec = { a: -3, b: 7, c: -(2n ** 40n), d: 2n ** 63n, e: 0.25, f: false, g: 'hi' };
    const kinds = {
      a: 'int',
      b: 'uint',
      c: 'llong',
      d: 'ullong',
      e: 'double',
      f: 'boolean',
      g: 'string',
    } as const;
    const c = typedParams(16);
    assert.deepEqual(typedParamsToRecord(decode(c, encode(c, toTypedParams(rec, kinds)))), rec);
  });
  it('node stats: {string field; unsigned hyper value}', () => {
    const hex = h('00000005 746f74616c000000 0000000100000000');
    assert.deepEqual(decode(nodeStatParam, Buffer.from(hex, 'hex')), { field: 'total', value: 2n ** 32n });
  });
});
