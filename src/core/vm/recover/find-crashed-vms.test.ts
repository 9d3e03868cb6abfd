import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainShutoffReason, DomainState } from '../../../libvirt/index.js';
import { crashedState } from './find-crashed-vms.js';

test('crashedState: state crashed, or shut off with reason crashed; nothing else', () => {
  assert.equal(crashedState(DomainState.CRASHED, 0), 'crashed');
  assert.equal(crashedState(DomainState.CRASHED, 1), 'crashed');
  assert.equal(crashedState(DomainState.SHUTOFF, DomainShutoffReason.CRASHED), 'shut off (crashed)');
  for (const reason of [
    DomainShutoffReason.SHUTDOWN,
    DomainShutoffReason.DESTROYED,
    DomainShutoffReason.FAILED,
    DomainShutoffReason.UNKNOWN,
  ]) {
    assert.equal(crashedState(DomainState.SHUTOFF, reason), undefined, `shut off, reason ${reason}`);
  }
  for (const state of [
    DomainState.RUNNING,
    DomainState.PAUSED,
    DomainState.PMSUSPENDED,
    DomainState.NOSTATE,
  ]) {
    assert.equal(crashedState(state, DomainShutoffReason.CRASHED), undefined, `state ${state}`);
  }
});
