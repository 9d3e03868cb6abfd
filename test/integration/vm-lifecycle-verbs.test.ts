// Every lifecycle verb on real tiny guests (TCG) through qemu:///system: each verb's outcome word and
// the state change it causes, observed through libvirt's lifecycle/reboot events (never sleeps); the
// idempotent repeats; wrong-state, unknown and malformed names; and stop on a guest that ignores ACPI
// (force after the timeout, or TIMEOUT with force off).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import {
  DomainEventStoppedDetail,
  DomainEventType,
  type DomainLifecycleEvent,
  type DomainOnlyEvent,
  type EventSubscription,
  type LibvirtClient,
} from '../../src/libvirt/index.js';
import { HvError } from '../../src/core/errors/index.js';
import { openHost } from '../../src/core/host/open-host.js';
import { isSkipped, runBulk } from '../../src/core/vm/bulk/run-bulk.js';
import { killVm } from '../../src/core/vm/lifecycle/kill-vm.js';
import { pauseVm } from '../../src/core/vm/lifecycle/pause-vm.js';
import { rebootVm } from '../../src/core/vm/lifecycle/reboot-vm.js';
import { resetVm } from '../../src/core/vm/lifecycle/reset-vm.js';
import { resumeVm } from '../../src/core/vm/lifecycle/resume-vm.js';
import { startVm } from '../../src/core/vm/lifecycle/start-vm.js';
import { stopVm, type StopProgress } from '../../src/core/vm/lifecycle/stop-vm.js';
import { waitForVmState } from '../../src/core/vm/lifecycle/wait-for-vm-state.js';
import { GUEST_MARKERS, domState, waitForSerial } from '../helpers/test-guest.js';
import { defineLifecycleGuests, type LifecycleGuests } from '../helpers/vm-lifecycle-guests.js';

const BOOT_MS = 120_000;
const EVENT_MS = 60_000;

/** The next event from `sub` satisfying `want` (earlier ones are consumed). */
async function nextEvent<T>(sub: EventSubscription<T>, want: (e: T) => boolean, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`no ${what} event within ${EVENT_MS} ms`));
    }, EVENT_MS);
  });
  try {
    for (;;) {
      const r = await Promise.race([sub.next(), limit]);
      if (r.done === true) throw new Error(`event stream ended before ${what}`);
      if (want(r.value)) return r.value;
    }
  } finally {
    clearTimeout(timer);
  }
}

/** Waits until the serial log holds `count` READY lines (a reset/reboot keeps the same log). */
async function readyCount(log: string, count: number): Promise<void> {
  const t0 = performance.now();
  for (;;) {
    const n = (await readFile(log, 'utf8').catch(() => '')).split(GUEST_MARKERS.ready).length - 1;
    if (n >= count) return;
    if (performance.now() - t0 > BOOT_MS) throw new Error(`${log}: ${n} boots, wanted ${count}`);
    await sleep(100); // polling the serial log file, as waitForSerial does
  }
}

async function hvCode(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof HvError, String(err));
    return { code: err.code, message: err.message };
  }
  assert.fail('expected an HvError');
}

/** Only `name`'s events from an all-domains subscription. */
function filterByName(
  sub: EventSubscription<DomainLifecycleEvent>,
  name: string,
): EventSubscription<DomainLifecycleEvent> {
  return Object.assign(Object.create(sub) as EventSubscription<DomainLifecycleEvent>, {
    next: async (): Promise<IteratorResult<DomainLifecycleEvent>> => {
      for (;;) {
        const r = await sub.next();
        if (r.done === true || r.value.dom.name === name) return r;
      }
    },
    close: () => sub.close(),
  });
}

const isType =
  (type: number, detail?: number) =>
  (e: DomainLifecycleEvent): boolean =>
    e.event === type && (detail === undefined || e.detail === detail);

describe('lifecycle verbs on real guests', { timeout: 900_000 }, () => {
  let client: LibvirtClient;
  let guests: LifecycleGuests;
  let allLife: EventSubscription<DomainLifecycleEvent>;
  const subs: EventSubscription<unknown>[] = [];

  before(async () => {
    client = await openHost('qemu:///system');
    allLife = await client.events.domainLifecycle();
    subs.push(allLife);
    guests = await defineLifecycleGuests('lcverbs', [{}, { kernelArgs: 'probe.acpi=ignore' }]);
  });

  after(async () => {
    for (const s of subs) await s.close();
    guests.dispose();
    await client.close();
  });

  async function watch(name: string): Promise<{
    life: EventSubscription<DomainLifecycleEvent>;
    reboot: EventSubscription<DomainOnlyEvent>;
  }> {
    const dom = await client.domains.lookupByName(name);
    // Every domain's lifecycle events, filtered here: libvirt allows one registration per event and
    // domain on a connection, and stopVm registers its own for this domain.
    const life = filterByName(allLife, name);
    const reboot = await client.events.domainReboot({ dom });
    subs.push(reboot);
    return { life, reboot };
  }

  it('start, pause, resume, reset, reboot, stop, kill: outcomes, events and repeats', async () => {
    const name = guests.names[0] ?? '';
    const log = guests.serialLog(0);
    const { life, reboot } = await watch(name);

    assert.deepEqual(await startVm(client, name), { outcome: 'started' });
    await nextEvent(life, isType(DomainEventType.STARTED), 'started');
    assert.deepEqual(await startVm(client, name), { outcome: 'already running' });
    await readyCount(log, 1);

    assert.deepEqual(await pauseVm(client, name), { outcome: 'paused' });
    await nextEvent(life, isType(DomainEventType.SUSPENDED), 'suspended');
    assert.equal(domState(name), 'paused');
    assert.deepEqual(await pauseVm(client, name), { outcome: 'already paused' });

    assert.deepEqual(await resumeVm(client, name), { outcome: 'resumed' });
    await nextEvent(life, isType(DomainEventType.RESUMED), 'resumed');
    assert.equal(domState(name), 'running');
    assert.deepEqual(await resumeVm(client, name), { outcome: 'already running' });

    assert.deepEqual(await resetVm(client, name), { outcome: 'reset' });
    await nextEvent(reboot, () => true, 'reboot (after reset)');
    await readyCount(log, 2);

    assert.deepEqual(await rebootVm(client, name), { outcome: 'rebooting' });
    await nextEvent(reboot, () => true, 'reboot');
    await readyCount(log, 3);
    assert.equal(domState(name), 'running');

    assert.deepEqual(await stopVm(client, name, { timeoutSeconds: 90 }), { outcome: 'shut down' });
    await nextEvent(
      life,
      isType(DomainEventType.STOPPED, DomainEventStoppedDetail.SHUTDOWN),
      'stopped/shutdown',
    );
    assert.equal(domState(name), 'shut off');
    assert.deepEqual(await stopVm(client, name), { outcome: 'already off' });

    assert.deepEqual(await startVm(client, name), { outcome: 'started' });
    await nextEvent(life, isType(DomainEventType.STARTED), 'started again');
    assert.deepEqual(await killVm(client, name), { outcome: 'killed' });
    await nextEvent(
      life,
      isType(DomainEventType.STOPPED, DomainEventStoppedDetail.DESTROYED),
      'stopped/destroyed',
    );
    assert.deepEqual(await killVm(client, name), { outcome: 'already off' });
  });

  it('wrong state, unknown VM and malformed names give their codes with one clear line', async () => {
    const name = guests.names[0] ?? '';
    assert.equal(domState(name), 'shut off');
    assert.deepEqual(await hvCode(pauseVm(client, name)), {
      code: 'VM_STATE_INVALID',
      message: `cannot pause VM ${name}: it is shut off`,
    });
    assert.equal((await hvCode(resetVm(client, name))).code, 'VM_STATE_INVALID');
    assert.match(
      (await hvCode(rebootVm(client, name))).message,
      /cannot reboot VM .*: it is shut off \(use hv start\)/,
    );
    assert.equal((await hvCode(resumeVm(client, name))).code, 'VM_STATE_INVALID');
    assert.deepEqual(await hvCode(startVm(client, `${guests.prefix}-nope`)), {
      code: 'VM_NOT_FOUND',
      message: `no VM named ${guests.prefix}-nope`,
    });
    assert.equal((await hvCode(stopVm(client, 'bad name'))).code, 'INVALID_ARGUMENT');
    assert.equal((await hvCode(killVm(client, "x';reboot"))).code, 'INVALID_ARGUMENT');
  });

  it('waitForVmState returns at once when already there and times out otherwise', async () => {
    const name = guests.names[0] ?? '';
    assert.equal(
      await waitForVmState(client, name, (s) => s === 'shut off', { timeoutMs: 5000 }),
      'shut off',
    );
    assert.equal(
      (await hvCode(waitForVmState(client, name, (s) => s === 'running', { timeoutMs: 300 }))).code,
      'TIMEOUT',
    );
  });

  it('a guest that ignores ACPI: --no-force gives TIMEOUT and leaves it running; force turns it off', async () => {
    const name = guests.names[1] ?? '';
    const log = guests.serialLog(1);
    const { life } = await watch(name);
    assert.deepEqual(await startVm(client, name), { outcome: 'started' });
    await readyCount(log, 1);

    const ticks: StopProgress[] = [];
    const t = await hvCode(
      stopVm(client, name, { timeoutSeconds: 3, force: false, onProgress: (p) => ticks.push(p) }),
    );
    assert.equal(t.code, 'TIMEOUT');
    assert.match(t.message, /did not shut down within 3 s and --no-force was given/);
    await waitForSerial(log, GUEST_MARKERS.acpiIgnored, EVENT_MS);
    assert.equal(domState(name), 'running');
    assert.ok(ticks.length >= 1 && ticks.every((p) => p.name === name && p.timeoutMs === 3000));

    assert.deepEqual(await stopVm(client, name, { timeoutSeconds: 3 }), { outcome: 'forced off' });
    await nextEvent(
      life,
      isType(DomainEventType.STOPPED, DomainEventStoppedDetail.DESTROYED),
      'stopped/destroyed',
    );
    assert.equal(domState(name), 'shut off');
  });

  it('a bulk run where one VM vanished: that one is VM_NOT_FOUND, the others are done', async () => {
    const [a = '', b = ''] = guests.names;
    const gone = `${guests.prefix}-gone`;
    const started = await runBulk([a, gone, b], (n, signal) => startVm(client, n, { signal }), {
      parallel: 2,
    });
    assert.deepEqual(
      started.map((r) => (r.ok ? r.value.outcome : isSkipped(r) ? 'skipped' : r.error.code)),
      ['started', 'VM_NOT_FOUND', 'started'],
    );
    assert.deepEqual([domState(a), domState(b)], ['running', 'running']);
    const killed = await runBulk([a, b], (n) => killVm(client, n), { parallel: 2 });
    assert.deepEqual(
      killed.map((r) => (r.ok ? r.value.outcome : 'failed')),
      ['killed', 'killed'],
    );
    assert.deepEqual([domState(a), domState(b)], ['shut off', 'shut off']);
  });
});
