import { test } from 'node:test';
import assert from 'node:assert/strict';
import { effectiveConnectUri } from './effective-connect-uri.js';

test('an explicit --connect or HV_CONNECT wins over the configuration', () => {
  assert.equal(
    effectiveConnectUri({ connect: 'test:///default' }, { connect: 'qemu+ssh://h/system' }),
    'test:///default',
  );
});

test('without one, the configuration connect key applies', () => {
  assert.equal(
    effectiveConnectUri({ connect: 'qemu:///system' }, { connect: 'qemu+ssh://h/system' }),
    'qemu+ssh://h/system',
  );
  assert.equal(
    effectiveConnectUri({ connect: 'qemu:///system' }, { connect: 'qemu:///system' }),
    'qemu:///system',
  );
});
