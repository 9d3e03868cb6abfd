import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePciAddress } from './parse-pci-address.js';

test('parsePciAddress reads long and short forms into numbers', () => {
  assert.deepEqual(parsePciAddress('pci', '0000:01:00.0'), {
    domain: 0,
    bus: 1,
    slot: 0,
    function: 0,
    text: '0000:01:00.0',
  });
  assert.equal(parsePciAddress('pci', '3B:1F.7').text, '0000:3b:1f.7');
  assert.equal(parsePciAddress('pci', 'ffff:ff:1f.7').domain, 0xffff);
});

test('parsePciAddress refuses slots above 1f and functions above 7', () => {
  assert.throws(() => parsePciAddress('pci', '01:20.0'), { rule: 'slot must be from 00 to 1f' });
  assert.throws(() => parsePciAddress('pci', '01:00.8'), { rule: 'function must be from 0 to 7' });
  assert.throws(() => parsePciAddress('pci', '01:00.10'), { rule: 'function must be from 0 to 7' });
});

test('parsePciAddress refuses other shapes', () => {
  for (const bad of ['', '1:2:3', '10000:01:00.0', '01:000.0', '01:00', 'g1:00.0', '0000:01:00.0;reboot']) {
    assert.throws(
      () => parsePciAddress('pci', bad),
      { rule: 'must be a PCI address like 0000:01:00.0 or 01:00.0' },
      bad,
    );
  }
});
