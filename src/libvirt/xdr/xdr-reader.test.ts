// Reader bounds: every read checks the bytes left and the declared limit before slicing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { XdrReader } from './xdr-reader.js';
import { XdrError } from '../errors/xdr-error.js';
import { LibvirtProtocolError } from '../errors/libvirt-protocol-error.js';

const r = (hex: string): XdrReader => new XdrReader(Buffer.from(hex.replace(/\s+/g, ''), 'hex'));

describe('XdrReader', () => {
  it('reads primitives from golden bytes', () => {
    const x = r(
      'ffffffff ffffffff 7fffffffffffffff ffffffffffffffff 00000002 3ff8000000000000 00000002 61620000',
    );
    assert.equal(x.int(), -1);
    assert.equal(x.uint(), 0xffffffff);
    assert.equal(x.hyper(), 2n ** 63n - 1n);
    assert.equal(x.uhyper(), 2n ** 64n - 1n);
    assert.equal(x.bool(), true);
    assert.equal(x.double(), 1.5);
    assert.equal(x.string(), 'ab');
    assert.equal(x.remaining, 0);
    x.expectEnd();
  });
  it('tracks offset and remaining; honours a start offset', () => {
    const x = new XdrReader(Buffer.from('deadbeef00000007', 'hex'), 4);
    assert.equal(x.offset, 4);
    assert.equal(x.remaining, 4);
    assert.equal(x.int(), 7);
    assert.equal(x.offset, 8);
  });
  it('opaque values are copies, not views of the input', () => {
    const buf = Buffer.from('0000000201020000', 'hex');
    const v = new XdrReader(buf).opaque();
    buf[4] = 9;
    assert.deepEqual([...v], [1, 2]);
  });
  it('fixed opaque skips its padding', () => {
    const x = r('01020300 00000005');
    assert.deepEqual([...x.opaqueFixed(3)], [1, 2, 3]);
    assert.equal(x.int(), 5);
  });
  it('is lenient about non-zero padding but requires it to exist', () => {
    assert.equal(r('00000001 61ffffff').string(), 'a');
    assert.throws(() => r('00000001 61').string(), XdrError);
  });
  it('throws XdrError (a LibvirtProtocolError) on truncation', () => {
    assert.throws(() => r('000000').int(), XdrError);
    assert.throws(() => r('00000000').hyper(), XdrError);
    assert.throws(() => r('00000000000000').double(), XdrError);
    assert.throws(() => r('').uhyper(), XdrError);
    assert.throws(() => r('').uint(), LibvirtProtocolError);
  });
  it('rejects a string longer than its max before reading it', () => {
    assert.throws(() => r('00000003 61626300').string(2), /exceeds its limit of 2/);
  });
  it('rejects huge declared lengths without allocating (0xffffffff)', () => {
    assert.throws(() => r('ffffffff 00000000').string(), /declares 4294967295 but only 4 bytes are left/);
    assert.throws(() => r('ffffffff').opaque(), /declares 4294967295/);
    assert.throws(() => r('ffffffff').string(4194304), /exceeds its limit/);
    assert.throws(() => r('00000000').opaqueFixed(0x7fffffff), XdrError);
  });
  it('count() checks element counts against the limit and the bytes left', () => {
    assert.throws(() => r('00000011').count(16, 'array count', 4), /17 exceeds its limit of 16/);
    assert.throws(() => r('00000002 00000001').count(16, 'array count', 4), /declares 2/);
    assert.equal(r('00000002 00000001 00000002').count(16, 'array count', 4), 2);
  });
  it('expectEnd throws when bytes are left', () => {
    const x = r('00000001 00000002');
    x.int();
    assert.throws(() => {
      x.expectEnd();
    }, /4 unexpected trailing bytes/);
  });
  it('rejects a start offset outside the buffer', () => {
    assert.throws(() => new XdrReader(Buffer.alloc(4), 5), XdrError);
  });
});
