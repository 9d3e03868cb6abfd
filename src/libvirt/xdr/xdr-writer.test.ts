// Golden bytes for every primitive the writer emits (hand-computed from RFC 4506) and its range checks.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { XdrWriter } from './xdr-writer.js';
import { XdrError } from '../errors/xdr-error.js';

const hexOf = (w: XdrWriter): string => w.toBuffer().toString('hex');
const h = (s: string): string => s.replace(/\s+/g, '');

describe('XdrWriter golden bytes', () => {
  it('int', () => {
    assert.equal(hexOf(new XdrWriter().int(-1)), 'ffffffff');
    assert.equal(hexOf(new XdrWriter().int(0x7fffffff)), '7fffffff');
    assert.equal(hexOf(new XdrWriter().int(-0x80000000)), '80000000');
    assert.equal(hexOf(new XdrWriter().int(258)), '00000102');
  });
  it('uint', () => {
    assert.equal(hexOf(new XdrWriter().uint(0xffffffff)), 'ffffffff');
    assert.equal(hexOf(new XdrWriter().uint(1)), '00000001');
  });
  it('hyper and uhyper', () => {
    assert.equal(hexOf(new XdrWriter().hyper(2n ** 63n - 1n)), '7fffffffffffffff');
    assert.equal(hexOf(new XdrWriter().hyper(-(2n ** 63n))), '8000000000000000');
    assert.equal(hexOf(new XdrWriter().hyper(-1n)), 'ffffffffffffffff');
    assert.equal(hexOf(new XdrWriter().uhyper(2n ** 64n - 1n)), 'ffffffffffffffff');
    assert.equal(hexOf(new XdrWriter().uhyper(0x0102030405060708n)), '0102030405060708');
  });
  it('bool and double', () => {
    assert.equal(hexOf(new XdrWriter().bool(true).bool(false)), '0000000100000000');
    assert.equal(hexOf(new XdrWriter().double(1.5)), '3ff8000000000000');
    assert.equal(hexOf(new XdrWriter().double(-2)), 'c000000000000000');
  });
  it('string: length, UTF-8 bytes, zero padding', () => {
    assert.equal(hexOf(new XdrWriter().string('ab')), h('00000002 61620000'));
    assert.equal(hexOf(new XdrWriter().string('')), '00000000');
    assert.equal(hexOf(new XdrWriter().string('abcd')), h('00000004 61626364'));
    assert.equal(hexOf(new XdrWriter().string('é')), h('00000002 c3a90000'));
  });
  it('opaque fixed and variable', () => {
    assert.equal(hexOf(new XdrWriter().opaqueFixed(Uint8Array.of(1, 2, 3), 3)), '01020300');
    assert.equal(
      hexOf(new XdrWriter().opaque(Uint8Array.of(1, 2, 3, 4, 5))),
      h('00000005 01020304 05000000'),
    );
  });
  it('chains and grows past its initial size', () => {
    const w = new XdrWriter(16);
    for (let i = 0; i < 100; i++) w.uint(i);
    const buf = w.toBuffer();
    assert.equal(buf.length, 400);
    assert.equal(buf.readUInt32BE(396), 99);
    assert.equal(w.length, 400);
  });
  it('padding is zero even when the buffer was reused', () => {
    const w = new XdrWriter(16);
    w.opaqueFixed(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff]), 5);
    assert.equal(hexOf(w), 'ffffffffff000000');
  });
});

describe('XdrWriter range checks', () => {
  const cases: [string, (w: XdrWriter) => unknown][] = [
    ['int too big', (w) => w.int(0x80000000)],
    ['int too small', (w) => w.int(-0x80000001)],
    ['int fraction', (w) => w.int(1.5)],
    ['uint negative', (w) => w.uint(-1)],
    ['uint too big', (w) => w.uint(0x100000000)],
    ['hyper too big', (w) => w.hyper(2n ** 63n)],
    ['hyper too small', (w) => w.hyper(-(2n ** 63n) - 1n)],
    ['uhyper negative', (w) => w.uhyper(-1n)],
    ['uhyper too big', (w) => w.uhyper(2n ** 64n)],
    ['string over max', (w) => w.string('abc', 2)],
    ['string bytes over max (UTF-8)', (w) => w.string('éé', 3)],
    ['opaque over max', (w) => w.opaque(Buffer.alloc(5), 4)],
    ['fixed opaque wrong size', (w) => w.opaqueFixed(Buffer.alloc(15), 16)],
  ];
  for (const [name, fn] of cases) {
    it(`throws XdrError: ${name}`, () => {
      assert.throws(() => fn(new XdrWriter()), XdrError);
    });
  }
  it('accepts a string exactly at its max', () => {
    assert.equal(hexOf(new XdrWriter().string('ab', 2)), h('00000002 61620000'));
  });
});
