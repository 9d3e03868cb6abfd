import { test } from 'node:test';
import assert from 'node:assert/strict';
import { vmOfVolume } from './leftovers.js';

test("vmOfVolume reads hv's volume naming scheme and nothing else", () => {
  assert.equal(vmOfVolume('web-1-disk0.qcow2'), 'web-1');
  assert.equal(vmOfVolume('web-1-disk12.qcow2'), 'web-1');
  assert.equal(vmOfVolume('db-cidata.iso'), 'db');
  assert.equal(vmOfVolume('db-nvram.fd'), 'db');
  assert.equal(vmOfVolume('debian-12.qcow2'), undefined);
  assert.equal(vmOfVolume('x-disk.qcow2'), undefined);
});
