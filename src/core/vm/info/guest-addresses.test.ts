import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addressesOf, isUsefulAddress, leasesByMac } from './guest-addresses.js';
import type { NetworkDhcpLease } from '../../../libvirt/index.js';

function lease(mac: string | undefined, ipaddr: string, expiryTime: bigint): NetworkDhcpLease {
  return {
    iface: 'virbr0',
    expiryTime,
    type: 0,
    mac,
    iaid: undefined,
    ipaddr,
    prefix: 24,
    hostname: undefined,
    clientid: undefined,
  };
}

describe('guest addresses', () => {
  it('keeps unexpired leases by lowercase MAC, without duplicates', () => {
    const m = leasesByMac(
      [
        lease('52:54:00:AA:00:01', '10.0.0.5', 2000n),
        lease('52:54:00:aa:00:01', '10.0.0.5', 0n),
        lease('52:54:00:aa:00:01', 'fd00::5', 0n),
        lease('52:54:00:aa:00:02', '10.0.0.6', 999n),
        lease(undefined, '10.0.0.7', 0n),
      ],
      1000,
    );
    assert.deepEqual([...m], [['52:54:00:aa:00:01', ['10.0.0.5', 'fd00::5']]]);
    assert.deepEqual(addressesOf(['52:54:00:AA:00:01', '52:54:00:aa:00:09'], m), ['10.0.0.5', 'fd00::5']);
  });

  it('drops loopback and link-local addresses', () => {
    assert.deepEqual(
      ['127.0.0.1', '::1', 'fe80::1', '169.254.1.2', '10.1.2.3', '2001:db8::1'].filter(isUsefulAddress),
      ['10.1.2.3', '2001:db8::1'],
    );
  });
});
