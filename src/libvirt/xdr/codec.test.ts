// Golden bytes and round trips for every composable codec, plus the limits they enforce on decode.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { xdr, encode, decode, type Codec } from './codec.js';
import { XdrError } from '../errors/xdr-error.js';

const h = (s: string): string => s.replace(/\s+/g, '');
const bytes = (s: string): Buffer => Buffer.from(h(s), 'hex');

function golden<T>(c: Codec<T>, value: T, hex: string): void {
  assert.equal(encode(c, value).toString('hex'), h(hex), 'encode');
  assert.deepEqual(decode(c, bytes(hex)), value, 'decode');
}

describe('xdr codecs: golden bytes both ways', () => {
  it('void is empty', () => {
    assert.equal(encode(xdr.void, undefined).length, 0);
    decode(xdr.void, Buffer.alloc(0));
    assert.throws(() => {
      decode(xdr.void, Buffer.alloc(4));
    }, /trailing bytes/);
  });
  it('int, uint, hyper, uhyper, bool, double', () => {
    golden(xdr.int, -1, 'ffffffff');
    golden(xdr.uint, 0xfffffffe, 'fffffffe');
    golden(xdr.hyper, 2n ** 63n - 1n, '7fffffffffffffff');
    golden(xdr.hyper, -5n, 'fffffffffffffffb');
    golden(xdr.uhyper, 2n ** 64n - 1n, 'ffffffffffffffff');
    golden(xdr.bool, true, '00000001');
    golden(xdr.bool, false, '00000000');
    golden(xdr.double, 1.5, '3ff8000000000000');
  });
  it('bool decodes any nonzero as true', () => {
    assert.equal(decode(xdr.bool, bytes('00000002')), true);
  });
  it('char, uchar, short, ushort take 4 bytes each', () => {
    golden(xdr.uchar, 5, '00000005');
    golden(xdr.uchar, 255, '000000ff');
    golden(xdr.char, -1, 'ffffffff');
    golden(xdr.char, 127, '0000007f');
    golden(xdr.short, -2, 'fffffffe');
    golden(xdr.ushort, 65535, '0000ffff');
  });
  it('small types are range-checked both ways', () => {
    assert.throws(() => encode(xdr.uchar, 256), XdrError);
    assert.throws(() => encode(xdr.char, 128), XdrError);
    assert.throws(() => encode(xdr.short, 32768), XdrError);
    assert.throws(() => encode(xdr.ushort, -1), XdrError);
    assert.throws(() => decode(xdr.uchar, bytes('00000100')), XdrError);
    assert.throws(() => decode(xdr.ushort, bytes('00010000')), XdrError);
  });
  it('string, opaque, fixed opaque', () => {
    golden(xdr.string(10), 'ab', '00000002 61620000');
    golden(xdr.opaque(8), Buffer.from([1, 2, 3, 4, 5]), '00000005 01020304 05000000');
    golden(
      xdr.opaqueFixed(16),
      Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex'),
      '000102030405060708090a0b0c0d0e0f',
    );
    golden(xdr.opaqueFixed(3), Buffer.from([1, 2, 3]), '01020300');
  });
  it('char[32] (NODE_GET_INFO model) is 128 bytes, trimmed at the first NUL', () => {
    const model = '00000078 00000038 00000036 0000005f 00000036 00000034' + '00000000'.repeat(26);
    assert.equal(h(model).length, 256);
    golden(xdr.charArray(32), 'x86_64', model);
    assert.equal(decode(xdr.charArray(4), bytes('00000061 00000000 00000062 00000063')), 'a');
    assert.equal(decode(xdr.charArray(2), bytes('00000061 00000062')), 'ab');
    assert.throws(() => encode(xdr.charArray(2), 'abc'), XdrError);
    assert.throws(() => decode(xdr.charArray(32), bytes('00000078')), XdrError);
  });
  it('char[] carries bytes >= 0x80 as negative chars (UTF-8 survives)', () => {
    golden(xdr.charArray(2), 'é', 'ffffffc3 ffffffa9');
  });
  it('optional: absent is 0, present is 1 + value', () => {
    const c = xdr.optional(xdr.int);
    golden(c, null, '00000000');
    golden(c, 7, '00000001 00000007');
    assert.throws(() => decode(c, bytes('00000002 00000007')), /flag must be 0 or 1/);
  });
  it('array: count then elements; count checked against max', () => {
    const c = xdr.array(xdr.int, 3);
    golden(c, [1, 2], '00000002 00000001 00000002');
    golden(c, [], '00000000');
    assert.throws(() => encode(c, [1, 2, 3, 4]), /exceeds its limit of 3/);
    assert.throws(
      () => decode(c, bytes('00000004 00000001 00000002 00000003 00000004')),
      /exceeds its limit of 3/,
    );
  });
  it('array: a huge count is rejected before decoding any element', () => {
    const c = xdr.array(xdr.string(100), 0xffffffff);
    assert.throws(() => decode(c, bytes('ffffffff 00000000')), /declares 4294967295/);
  });
  it('fixedArray: elements without a count', () => {
    const c = xdr.fixedArray(xdr.int, 2);
    golden(c, [1, 2], '00000001 00000002');
    assert.throws(() => encode(c, [1]), XdrError);
    assert.throws(() => decode(c, bytes('00000001')), XdrError);
  });
  it('struct: fields in key order, no padding between', () => {
    const c = xdr.struct({ a: xdr.int, b: xdr.string(10), c: xdr.uhyper });
    golden(c, { a: 1, b: 'ab', c: 3n }, '00000001 00000002 61620000 0000000000000003');
  });
  it('struct: an encode error names the field', () => {
    const c = xdr.struct({ dom: xdr.struct({ id: xdr.int }) });
    assert.throws(() => encode(c, { dom: { id: 2 ** 40 } }), /field dom\.id: int out of range/);
  });
  it('union: discriminant then the arm', () => {
    const c = xdr.union({ 1: xdr.int, 7: xdr.string(10) });
    golden(c, { discriminant: 7, value: 'ab' }, '00000007 00000002 61620000');
    golden(c, { discriminant: 1, value: -1 }, '00000001 ffffffff');
    assert.throws(() => decode(c, bytes('00000003 00000000')), /unknown union discriminant 3/);
  });
  it('transform maps values both ways', () => {
    const c = xdr.transform(xdr.int, { decode: (n) => n === 1, encode: (b: boolean) => (b ? 1 : 0) });
    golden(c, true, '00000001');
  });
  it('decode requires the whole buffer', () => {
    assert.throws(() => decode(xdr.int, bytes('00000001 00000002')), /trailing bytes/);
    assert.throws(() => xdr.decode(xdr.int, bytes('000000')), /truncated/);
  });
  it('round-trips a nested libvirt-like reply', () => {
    const c = xdr.struct({
      doms: xdr.array(xdr.struct({ name: xdr.string(100), uuid: xdr.opaqueFixed(16), id: xdr.int }), 16),
      ret: xdr.uint,
    });
    const v = {
      doms: [
        { name: 'web-1', uuid: Buffer.alloc(16, 0xab), id: 3 },
        { name: 'db', uuid: Buffer.alloc(16, 1), id: -1 },
      ],
      ret: 2,
    };
    assert.deepEqual(xdr.decode(c, xdr.encode(c, v)), v);
  });
});
