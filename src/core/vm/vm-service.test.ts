import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toVmSummary } from './vm-service.js';
import { normalizeStateFilter, vmStateWord } from './vm-state.js';
import { parseTags } from './vm-tags.js';
import { hostConnectError } from '../host/open-host.js';
import { LibvirtUnavailableError } from '../../libvirt/index.js';

describe('vm state words', () => {
  it('maps virDomainState numbers to virsh words', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7, 99].map(vmStateWord), [
      'no state',
      'running',
      'idle',
      'paused',
      'in shutdown',
      'shut off',
      'crashed',
      'pmsuspended',
      'no state',
    ]);
  });

  it('folds spelling variants of --state', () => {
    assert.equal(normalizeStateFilter('shutoff'), 'shut off');
    assert.equal(normalizeStateFilter('Shut-Off'), 'shut off');
    assert.equal(normalizeStateFilter(' RUNNING '), 'running');
    assert.equal(normalizeStateFilter('paused'), 'paused');
  });
});

describe('toVmSummary', () => {
  it('converts KiB to MiB, ns to seconds and inactive ids to null', () => {
    const base = {
      name: 'web-1',
      uuid: 'u',
      reason: 0,
      vcpus: 2,
      maxVcpus: 4,
      memoryKiB: 2 * 1024 * 1024,
      maxMemoryKiB: 4 * 1024 * 1024,
      autostart: true,
    };
    assert.deepEqual(toVmSummary({ ...base, id: 7, state: 1, cpuTimeNs: 12_345_678_901n }), {
      name: 'web-1',
      uuid: 'u',
      id: 7,
      state: 'running',
      vcpus: 2,
      memoryMiB: 2048,
      maxMemoryMiB: 4096,
      cpuTimeSeconds: 12.345,
      autostart: true,
    });
    const off = toVmSummary({ ...base, id: -1, state: 5, cpuTimeNs: 0n });
    assert.equal(off.id, null);
    assert.equal(off.state, 'shut off');
  });
});

describe('parseTags', () => {
  it('reads tags with or without a namespace prefix', () => {
    assert.deepEqual(parseTags('<vm><tags><tag>web</tag><tag> db </tag><tag></tag></tags></vm>'), [
      'web',
      'db',
    ]);
    assert.deepEqual(parseTags('<hv:vm><hv:tag>a</hv:tag></hv:vm>'), ['a']);
    assert.deepEqual(parseTags('<vm/>'), []);
  });
});

describe('hostConnectError', () => {
  it('names the socket and the fix when no daemon listens', () => {
    const err = hostConnectError(
      'qemu+unix:///system?socket=/run/x/libvirt-sock',
      new LibvirtUnavailableError('nothing there', { reason: 'not-running' }),
    );
    assert.equal(err.code, 'LIBVIRT_UNAVAILABLE');
    assert.equal(err.exitCode, 5);
    assert.equal(
      err.message,
      'cannot reach libvirtd at /run/x/libvirt-sock: is libvirtd running? (scripts/setup-host.sh starts it)',
    );
  });

  it('reports a refused socket as a permission problem', () => {
    const err = hostConnectError(
      'qemu:///system',
      new LibvirtUnavailableError('permission denied', { reason: 'permission' }),
    );
    assert.equal(err.code, 'PERMISSION_DENIED');
  });
});
