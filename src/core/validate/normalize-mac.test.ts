import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeMac } from './normalize-mac.js';

test('normalizeMac returns lower case with colons', () => {
  assert.equal(normalizeMac('mac', '52:54:00:AB:cd:EF'), '52:54:00:ab:cd:ef');
  assert.equal(normalizeMac('mac', '52-54-00-12-34-56'), '52:54:00:12:34:56');
  assert.equal(normalizeMac('mac', '02:00:00:00:00:01'), '02:00:00:00:00:01');
});

test('normalizeMac refuses multicast, broadcast and all-zero addresses', () => {
  assert.throws(() => normalizeMac('mac', '01:00:5e:00:00:01'), { rule: /unicast/ });
  assert.throws(() => normalizeMac('mac', 'ff:ff:ff:ff:ff:ff'), { rule: /unicast/ });
  assert.throws(() => normalizeMac('mac', '00:00:00:00:00:00'), { rule: 'must not be all zeros' });
});

test('normalizeMac refuses other shapes', () => {
  for (const bad of [
    '',
    '52:54:00:12:34',
    '52:54:00:12:34:56:78',
    '52:54-00:12:34:56',
    '5254.0012.3456',
    '52:54:00:12:34:5g',
  ]) {
    assert.throws(
      () => normalizeMac('mac', bad),
      { rule: 'must be a MAC address like 52:54:00:12:34:56' },
      bad,
    );
  }
});
