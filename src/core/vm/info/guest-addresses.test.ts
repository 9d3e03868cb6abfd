import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addressesOf, allAddresses, isUsefulAddress } from './guest-addresses.js';

describe('guest addresses', () => {
  it('finds addresses by MAC whatever its case, each once, in MAC order', () => {
    const m = new Map([
      ['52:54:00:aa:00:01', ['10.0.0.5', 'fd00::5']],
      ['52:54:00:aa:00:02', ['10.0.0.6', '10.0.0.5']],
    ]);
    assert.deepEqual(addressesOf(['52:54:00:AA:00:01', '52:54:00:aa:00:09'], m), ['10.0.0.5', 'fd00::5']);
    assert.deepEqual(addressesOf(['52:54:00:aa:00:02', '52:54:00:aa:00:01'], m), [
      '10.0.0.6',
      '10.0.0.5',
      'fd00::5',
    ]);
    assert.deepEqual(allAddresses(m), ['10.0.0.5', 'fd00::5', '10.0.0.6']);
  });

  it('drops loopback and link-local addresses', () => {
    assert.deepEqual(
      ['127.0.0.1', '::1', 'fe80::1', '169.254.1.2', '10.1.2.3', '2001:db8::1'].filter(isUsefulAddress),
      ['10.1.2.3', '2001:db8::1'],
    );
  });
});
