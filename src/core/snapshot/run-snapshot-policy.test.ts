// runSnapshotPolicy over an in-memory stand-in for the libvirt-backed SnapshotService (the service has
// its own integration tests on a real guest); what is under test here is which snapshots a run touches.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runSnapshotPolicy } from './run-snapshot-policy.js';
import type { SnapshotPolicy } from './snapshot-policy.js';
import type { CreateSnapshotOptions, SnapshotService } from './snapshot-service.js';
import { buildSnapshotTree } from './snapshot-tree.js';
import type { SnapshotInfo } from './snapshot-xml.js';

class MemorySnapshots {
  readonly snaps: SnapshotInfo[] = [];
  readonly deletedNames: string[] = [];

  add(name: string, iso: string, policy?: string): void {
    this.snaps.push({
      name,
      description: '',
      ...(policy === undefined ? {} : { policy }),
      createdAt: Date.parse(iso),
      state: 'running',
      kind: 'internal',
      memory: 'internal',
      disks: [],
      frozenFiles: [],
    });
  }

  create(_vm: string, o: CreateSnapshotOptions): Promise<unknown> {
    this.add(o.name ?? 'unnamed', (o.now ?? new Date()).toISOString(), o.policy);
    return Promise.resolve({});
  }

  list(vm: string): Promise<unknown> {
    return Promise.resolve(buildSnapshotTree(vm, this.snaps));
  }

  delete(vm: string, name: string): Promise<unknown> {
    if (name === 'daily-broken') return Promise.reject(new Error('libvirt said no'));
    const i = this.snaps.findIndex((s) => s.name === name);
    this.snaps.splice(i, 1);
    this.deletedNames.push(name);
    return Promise.resolve({ vm, deleted: [name], removedFiles: [], leftFiles: [] });
  }

  asService(): SnapshotService {
    return this as unknown as SnapshotService;
  }
}

const daily: SnapshotPolicy = { name: 'daily', retention: { keepLast: 2 }, timeZone: 'UTC' };

describe('runSnapshotPolicy', () => {
  it('takes a tagged snapshot, then prunes only the snapshots of its own policy', async () => {
    const m = new MemorySnapshots();
    m.add('manual-old', '2026-01-01T00:00:00Z');
    m.add('daily-20261120-000000', '2026-11-20T00:00:00Z', 'daily');
    m.add('daily-20261121-000000', '2026-11-21T00:00:00Z', 'daily');
    m.add('weekly-20261101-000000', '2026-11-01T00:00:00Z', 'weekly');
    const now = new Date('2026-11-22T00:00:00Z');
    const r = await runSnapshotPolicy(m.asService(), { vm: 'web-1', policy: daily, now });
    assert.equal(r.created, 'daily-20261122-000000');
    assert.deepEqual(r.deleted, ['daily-20261120-000000']);
    assert.deepEqual(m.snaps.map((s) => s.name).sort(), [
      'daily-20261121-000000',
      'daily-20261122-000000',
      'manual-old',
      'weekly-20261101-000000',
    ]);
    assert.deepEqual(
      r.decisions.map((d) => [d.id, d.mark]),
      [
        ['daily-20261122-000000', 'keep'],
        ['daily-20261121-000000', 'keep'],
        ['daily-20261120-000000', 'remove'],
      ],
    );
  });

  it('dry run: plans with the snapshot it would take, changes nothing', async () => {
    const m = new MemorySnapshots();
    m.add('daily-20261120-000000', '2026-11-20T00:00:00Z', 'daily');
    m.add('daily-20261121-000000', '2026-11-21T00:00:00Z', 'daily');
    m.add('manual', '2026-11-19T00:00:00Z');
    const r = await runSnapshotPolicy(m.asService(), {
      vm: 'web-1',
      policy: daily,
      now: new Date('2026-11-22T00:00:00Z'),
      dryRun: true,
    });
    assert.equal(r.dryRun, true);
    assert.deepEqual(r.deleted, []);
    assert.equal(m.snaps.length, 3);
    assert.deepEqual(
      r.decisions.filter((d) => d.mark === 'remove').map((d) => d.id),
      ['daily-20261120-000000'],
    );
  });

  it('dry run in the second a policy snapshot was taken: the same refusal as a real run', async () => {
    const m = new MemorySnapshots();
    m.add('daily-20261122-000000', '2026-11-22T00:00:00Z', 'daily');
    const req = { vm: 'web-1', policy: daily, now: new Date('2026-11-22T00:00:00.600Z') };
    await assert.rejects(runSnapshotPolicy(m.asService(), { ...req, dryRun: true }), (e: Error) => {
      assert.equal((e as Error & { code?: string }).code, 'ALREADY_EXISTS');
      assert.match(e.message, /VM web-1 already has a snapshot named daily-20261122-000000/);
      return true;
    });
    assert.equal(m.snaps.length, 1);
  });

  it('a failed delete is reported and the others still go', async () => {
    const m = new MemorySnapshots();
    m.add('daily-broken', '2026-11-18T00:00:00Z', 'daily');
    m.add('daily-20261119-000000', '2026-11-19T00:00:00Z', 'daily');
    m.add('daily-20261121-000000', '2026-11-21T00:00:00Z', 'daily');
    const r = await runSnapshotPolicy(m.asService(), {
      vm: 'web-1',
      policy: { ...daily, retention: { keepLast: 1 } },
      now: new Date('2026-11-22T00:00:00Z'),
    });
    assert.deepEqual(r.deleted, ['daily-20261121-000000', 'daily-20261119-000000']);
    assert.deepEqual(r.failed, [{ snapshot: 'daily-broken', message: 'libvirt said no' }]);
  });

  it('an aborted signal stops before pruning', async () => {
    const m = new MemorySnapshots();
    m.add('daily-20261120-000000', '2026-11-20T00:00:00Z', 'daily');
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(
      runSnapshotPolicy(m.asService(), { vm: 'web-1', policy: daily, now: new Date(), signal: ac.signal }),
      { name: 'AbortError' },
    );
    assert.deepEqual(m.deletedNames, []);
  });
});
