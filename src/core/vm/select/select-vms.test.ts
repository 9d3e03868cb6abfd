import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HvError } from '../../errors/index.js';
import type { VmSummary } from '../vm-service.js';
import type { VmState } from '../vm-state.js';
import { pickVms } from './select-vms.js';
import { parseVmNamePattern } from './vm-name-pattern.js';

function vm(name: string, state: VmState = 'running'): VmSummary {
  return {
    name,
    uuid: name,
    id: null,
    state,
    vcpus: 1,
    memoryMiB: 128,
    maxMemoryMiB: 128,
    cpuTimeSeconds: 0,
    autostart: false,
  };
}

const LISTED = [vm('db-1', 'shut off'), vm('web-1'), vm('web-2', 'paused'), vm('web-10'), vm('x.y')];
const names = (vms: readonly VmSummary[]): string[] => vms.map((v) => v.name);

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof HvError, String(err));
    return `${err.code}/${err.exitCode}`;
  }
  return 'no error';
}

describe('pickVms', () => {
  it('keeps named VMs in the order given, each once', () => {
    assert.deepEqual(names(pickVms(LISTED, { names: ['web-2', 'db-1', 'web-2'] })), ['web-2', 'db-1']);
  });

  it('expands *, ? and [..] globs anchored at both ends', () => {
    assert.deepEqual(names(pickVms(LISTED, { names: ['web-*'] })), ['web-1', 'web-2', 'web-10']);
    assert.deepEqual(names(pickVms(LISTED, { names: ['web-?'] })), ['web-1', 'web-2']);
    assert.deepEqual(names(pickVms(LISTED, { names: ['web-[2-9]'] })), ['web-2']);
    assert.deepEqual(names(pickVms(LISTED, { names: ['web-[!1]'] })), ['web-2']);
    assert.deepEqual(names(pickVms(LISTED, { names: ['x?y'] })), ['x.y']);
    assert.deepEqual(names(pickVms(LISTED, { names: ['x.*'] })), ['x.y']);
  });

  it('a dot in a glob is literal', () => {
    assert.equal(
      code(() => pickVms([vm('xzy')], { names: ['x.y*'] })),
      'VM_NOT_FOUND/7',
    );
  });

  it('--all selects everything; --state narrows names or everything', () => {
    assert.deepEqual(names(pickVms(LISTED, { names: [], all: true })), names(LISTED));
    assert.deepEqual(names(pickVms(LISTED, { names: [], state: 'running' })), ['web-1', 'web-10', 'x.y']);
    assert.deepEqual(names(pickVms(LISTED, { names: ['web-*'], state: 'paused' })), ['web-2']);
    assert.deepEqual(names(pickVms(LISTED, { names: [], state: 'shutoff' })), ['db-1']);
  });

  it('an unknown name or an empty glob is VM_NOT_FOUND naming it', () => {
    assert.throws(() => pickVms(LISTED, { names: ['web-1', 'nope'] }), /no VM named nope/);
    assert.equal(
      code(() => pickVms(LISTED, { names: ['nope'] })),
      'VM_NOT_FOUND/7',
    );
    assert.throws(() => pickVms(LISTED, { names: ['app-*'] }), /no VM matches app-\*/);
  });

  it('nothing to select, or names with --all, is a usage error (exit 4)', () => {
    assert.equal(
      code(() => pickVms(LISTED, { names: [] })),
      'USAGE/4',
    );
    assert.equal(
      code(() => pickVms(LISTED, { names: ['web-1'], all: true })),
      'USAGE/4',
    );
  });

  it('bad names, bad globs and unknown states are INVALID_ARGUMENT (exit 4)', () => {
    for (const bad of ['bad name', 'web;rm', '-web', "it's", 'web-[', 'a/b*', '']) {
      assert.equal(
        code(() => pickVms(LISTED, { names: [bad] })),
        'INVALID_ARGUMENT/4',
        bad,
      );
    }
    assert.equal(
      code(() => pickVms(LISTED, { names: [], state: 'sleepy' })),
      'INVALID_ARGUMENT/4',
    );
  });
});

describe('parseVmNamePattern', () => {
  it('tells plain names from globs', () => {
    assert.deepEqual(parseVmNamePattern('web-1'), { kind: 'name', text: 'web-1' });
    assert.equal(parseVmNamePattern('web-*').kind, 'glob');
  });
});
