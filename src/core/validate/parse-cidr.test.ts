import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCidr } from './parse-cidr.js';

test('parseCidr reads IPv4 networks', () => {
  assert.deepEqual(parseCidr('net', '192.168.100.0/24'), {
    family: 4,
    address: '192.168.100.0',
    prefix: 24,
    text: '192.168.100.0/24',
  });
  assert.equal(parseCidr('net', '0.0.0.0/0').prefix, 0);
  assert.equal(parseCidr('net', '10.1.2.3/32').text, '10.1.2.3/32');
});

test('parseCidr reads IPv6 networks and prints them canonically', () => {
  assert.equal(parseCidr('net', 'FD00:0010:0000:0000::/64').text, 'fd00:10::/64');
  assert.equal(parseCidr('net', '::/0').text, '::/0');
  assert.equal(parseCidr('net', '2001:db8:0:0:1:0:0:0/128').text, '2001:db8:0:0:1::/128');
  assert.equal(parseCidr('net', '2001:db8:0:0:1:0:0:1/128').text, '2001:db8::1:0:0:1/128');
  assert.equal(parseCidr('net', '::ffff:10.0.0.0/104').text, '::ffff:a00:0/104');
  assert.equal(parseCidr('net', '2001:db8::/32').family, 6);
});

test('parseCidr refuses host bits and names the network meant', () => {
  assert.throws(() => parseCidr('net', '10.0.0.1/24'), {
    rule: 'host bits must be zero (did you mean 10.0.0.0/24?)',
  });
  assert.throws(() => parseCidr('net', 'fd00::1/64'), {
    rule: 'host bits must be zero (did you mean fd00::/64?)',
  });
});

test('parseCidr refuses prefixes out of range', () => {
  assert.throws(() => parseCidr('net', '10.0.0.0/33'), { rule: 'prefix must be from 0 to 32' });
  assert.throws(() => parseCidr('net', 'fd00::/129'), { rule: 'prefix must be from 0 to 128' });
});

test('parseCidr refuses malformed addresses', () => {
  for (const bad of [
    '10.0.0.0',
    '10.0.0/8',
    '010.0.0.0/8',
    '256.0.0.0/8',
    '10.0.0.0/-1',
    '10.0.0.0/8/8',
    'fd00:::/64',
    '1::2::3/64',
    '1:2:3:4:5:6:7:8:9/64',
    '1.2.3.4::/64',
    'fe80::1%eth0/64',
    'fd00::g/64',
    'x/8',
  ]) {
    assert.throws(
      () => parseCidr('net', bad),
      { rule: 'must be a network like 192.168.100.0/24 or fd00::/64' },
      bad,
    );
  }
});
