// hv recover on real tiny TCG guests made to crash (probe.panic=N: a kernel panic N s after boot, handed
// by pvpanic to on_crash) under a PRIVATE libvirtd: one guest kept in state crashed (on_crash preserve),
// one left shut off (crashed) (on_crash destroy). Crashes and restarts are observed through lifecycle
// events; every attempt must be in hv.db; the backoff holds a VM back; after the cap it is "gave up" and
// left alone, however often hv recover runs (the seed's vm-cleanup timer restarted it forever).
import assert from 'node:assert/strict';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DomainEventType, DomainShutoffReason } from '../../src/libvirt/index.js';
import { exitCodeFor, type ErrorCode } from '../../src/core/errors/index.js';
import { openStateDb } from '../../src/core/store/state-db.js';
import { waitForVmState } from '../../src/core/vm/lifecycle/wait-for-vm-state.js';
import { startBootOrderHost, type BootOrderHost } from '../helpers/boot-order-host.js';
import { ensureTestGuest } from '../helpers/test-guest.js';

const NOT_ROOT = process.getuid?.() !== 0 ? 'needs root (starts its own libvirtd)' : false;
const CRASH_MS = 300_000;

interface Row {
  vm: string;
  vm_uuid: string;
  found_state: string;
  outcome: string;
  error: string | null;
}

function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('hv recover (private libvirtd, guests that panic)', { skip: NOT_ROOT, timeout: 1_200_000 }, () => {
  let host: BootOrderHost;
  let config = '';
  let patient = '';
  let kept = '';
  let off = '';

  const rows = (): Row[] => {
    const db = openStateDb(join(host.dir, 'state', 'hv.db'));
    try {
      return db
        .prepare<[], Row>(
          'SELECT vm, vm_uuid, found_state, outcome, error FROM recovery_attempts ORDER BY id',
        )
        .all();
    } finally {
      db.close();
    }
  };

  /** Both guests crashed: `kept` in state crashed, `off` shut off with reason crashed. */
  async function bothCrashed(): Promise<void> {
    await Promise.all([
      waitForVmState(host.client, kept, (s) => s === 'crashed', { timeoutMs: CRASH_MS }),
      waitForVmState(host.client, off, (s) => s === 'shut off', { timeoutMs: CRASH_MS }),
    ]);
    const dom = await host.client.domains.lookupByName(off);
    assert.equal((await host.client.domains.getState(dom)).reason, DomainShutoffReason.CRASHED);
  }

  before(async () => {
    host = await startBootOrderHost(`hvtest-recover-${process.pid.toString(36)}`);
    kept = await host.define({ label: 'kept', onCrash: 'preserve', kernelArgs: 'probe.panic=15' });
    // Its own copy of the kernel, so a later test can make its start fail by deleting it.
    copyFileSync((await ensureTestGuest()).vmlinux, join(host.dir, 'off-vmlinux'));
    off = await host.define({
      label: 'off',
      onCrash: 'destroy',
      kernelArgs: 'probe.panic=15',
      kernel: join(host.dir, 'off-vmlinux'),
    });
    config = host.writeConfig(
      'config.yaml',
      'recover:\n  max_attempts_per_day: 2\n  backoff_base_s: 0\nautostart:\n  wait_running_seconds: 120\n',
    );
    patient = host.writeConfig(
      'patient.yaml',
      'recover:\n  max_attempts_per_day: 2\n  backoff_base_s: 3600\n',
    );
    for (const name of [kept, off]) {
      await host.client.domains.createWithFlags(await host.client.domains.lookupByName(name));
    }
    await bothCrashed();
  });

  after(async () => {
    await (host as BootOrderHost | undefined)?.dispose();
  });

  it('--dry-run says what it would do and records nothing', async () => {
    const r = await host.hv(['--json', 'recover', '--dry-run'], config);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      jsonLines(r.stdout).map((l) => [l.name, l.found_state, l.result]),
      [
        [kept, 'crashed', 'would restart'],
        [off, 'shut off (crashed)', 'would restart'],
      ],
    );
    assert.deepEqual(rows(), []);
  });

  it('restarts both (destroy + start for the preserved one) and records the attempts', async () => {
    const before = host.events.length;
    const r = await host.hv(['recover'], config);
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, new RegExp(`${kept}\\s+crashed\\s+restarted\\s+1`));
    assert.match(r.stdout, new RegExp(`${off}\\s+shut off \\(crashed\\)\\s+restarted\\s+1`));
    const seen = host.events.slice(before);
    assert.ok(
      seen.some((e) => e.name === kept && e.event === DomainEventType.STOPPED),
      'crashed guest destroyed',
    );
    for (const name of [kept, off]) {
      assert.ok(
        seen.some((e) => e.name === name && e.event === DomainEventType.STARTED),
        `${name} started`,
      );
    }
    assert.deepEqual(
      rows().map((x) => [x.vm, x.found_state, x.outcome]),
      [
        [kept, 'crashed', 'restarted'],
        [off, 'shut off (crashed)', 'restarted'],
      ],
    );
  });

  it('a second run right away has nothing to do', async () => {
    const r = await host.hv(['recover'], config);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /no crashed VMs: nothing to do/);
    assert.equal(rows().length, 2);
  });

  it('inside the backoff a crashed VM is left alone and reported as waiting (exit 7)', async () => {
    await bothCrashed();
    const r = await host.hv(['--json', 'recover'], patient);
    assert.equal(r.code, 7, r.stderr);
    const lines = jsonLines(r.stdout);
    assert.deepEqual(
      lines.map((l) => [l.name, l.result, l.attempts_24h, l.attempts_this_run]),
      [
        [kept, 'waiting', 1, 0],
        [off, 'waiting', 1, 0],
      ],
    );
    assert.ok(lines.every((l) => typeof l.next_attempt_at === 'string'));
    assert.equal(rows().length, 2);
  });

  it('restarts again up to the cap, then gives up and leaves the VMs as they are, run after run', async () => {
    const second = await host.hv(['--json', 'recover'], config);
    assert.equal(second.code, 0, second.stderr);
    assert.deepEqual(
      jsonLines(second.stdout).map((l) => [l.name, l.result, l.attempts_24h]),
      [
        [kept, 'restarted', 2],
        [off, 'restarted', 2],
      ],
    );
    await bothCrashed();
    const mark = host.events.length;
    for (let run = 0; run < 2; run++) {
      const r = await host.hv(['recover'], config);
      assert.equal(r.code, 7, `${r.stdout}\n${r.stderr}`);
      assert.match(r.stdout, new RegExp(`${kept}\\s+crashed\\s+gave up\\s+2\\s.*gave up: 2 attempts today`));
      assert.match(r.stdout, new RegExp(`${off}\\s+shut off \\(crashed\\)\\s+gave up\\s+2`));
      assert.match(r.stderr, /2 of 2 crashed VMs not recovered/);
    }
    assert.deepEqual(
      host.events
        .slice(mark)
        .filter((e) => e.event === DomainEventType.STARTED || e.event === DomainEventType.STOPPED),
      [],
      'no VM touched after the cap',
    );
    const all = rows();
    assert.equal(all.length, 4);
    assert.ok(all.every((x) => x.outcome === 'restarted' && x.vm_uuid.length === 36));
  });

  it('a start that fails is retried after its backoff in the same run, until the cap; every failure recorded', async () => {
    rmSync(join(host.dir, 'off-vmlinux'));
    const retry = host.writeConfig(
      'retry.yaml',
      'recover:\n  max_attempts_per_day: 5\n  backoff_base_s: 1\n',
    );
    const r = await host.hv(['--json', 'recover'], retry);
    const lines = jsonLines(r.stdout);
    assert.deepEqual(
      lines.map((l) => [l.name, l.result, l.attempts_24h, l.attempts_this_run]),
      [
        [kept, 'restarted', 3, 1],
        [off, 'failed', 5, 3],
      ],
    );
    const code = (lines[1]!.error as { code: ErrorCode }).code;
    assert.notEqual(r.code, 0);
    assert.equal(r.code, exitCodeFor(code), `exit code of ${code}`);
    const failed = rows().filter((x) => x.vm === off && x.outcome === 'failed');
    assert.equal(failed.length, 3);
    assert.ok(failed.every((x) => (x.error ?? '').length > 0));
  });
});
