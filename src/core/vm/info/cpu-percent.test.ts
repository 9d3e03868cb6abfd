import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpuPercentBetween, cpuSample } from './cpu-percent.js';
import type { DomainWithStats } from '../../../libvirt/index.js';

function rec(uuid: string, id: number, cpuTimeNs: bigint): DomainWithStats {
  return {
    name: uuid,
    uuid,
    id,
    state: id >= 0 ? 1 : 5,
    reason: 0,
    vcpus: 1,
    maxVcpus: 1,
    memoryKiB: 0,
    maxMemoryKiB: 0,
    cpuTimeNs,
    autostart: false,
  };
}

describe('cpuPercentBetween', () => {
  it('is the CPU time used over the wall time between the sample midpoints, in % of one CPU', () => {
    const a = cpuSample([rec('a', 1, 1_000_000_000n), rec('b', 2, 0n), rec('off', -1, 0n)], 0n, 0n);
    // 200 ms later: a used 100 ms (50 %), b used 300 ms of two vCPUs (150 %).
    const b = cpuSample([rec('a', 1, 1_100_000_000n), rec('b', 2, 300_000_000n)], 150_000_000n, 250_000_000n);
    const p = cpuPercentBetween(a, b);
    assert.equal(p.get('a'), 50);
    assert.equal(p.get('b'), 150);
    assert.equal(p.has('off'), false);
  });

  it('leaves out VMs that started, stopped or restarted between the samples', () => {
    const a = cpuSample([rec('restarted', 1, 5_000_000_000n)], 0n, 0n);
    const b = cpuSample([rec('restarted', 7, 1_000n), rec('new', 8, 1_000n)], 100n, 100n);
    assert.equal(cpuPercentBetween(a, b).size, 0);
    assert.equal(cpuPercentBetween(b, b).size, 0, 'no wall time: nothing');
  });
});
