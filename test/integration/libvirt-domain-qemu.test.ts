// The typed domain API against qemu:///system with the tiny test guest: define (VALIDATE), start
// paused, read the boot marker THROUGH THE CONSOLE STREAM, type into the console, talk to the guest
// agent, read stats, ACPI shutdown, undefine, with the lifecycle events checked in order. One guest
// boot for the whole file.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import {
  LibvirtClient,
  LibvirtError,
  listDomainsWithStats,
  type DomainAgentLifecycleEvent,
  type DomainLifecycleEvent,
  type DomainRef,
  type EventSubscription,
} from '../../src/libvirt/index.js';
import {
  destroyAndUndefine,
  ensureTestGuest,
  GUEST_MARKERS,
  testGuestDomainXml,
  uniqueDomainName,
} from '../helpers/test-guest.js';
import { StreamText } from '../helpers/stream-text.js';

const NOT_ROOT = process.getuid?.() !== 0 ? 'needs root (qemu:///system)' : false;
const EV = {
  DEFINED: 0,
  UNDEFINED: 1,
  STARTED: 2,
  SUSPENDED: 3,
  RESUMED: 4,
  STOPPED: 5,
  SHUTDOWN: 6,
} as const;

/** Next event of `sub` for domain `name`, or reject after `ms`. */
async function nextFor<T extends { dom: DomainRef }>(
  sub: EventSubscription<T>,
  name: string,
  ms: number,
  seen?: T[],
): Promise<T> {
  const deadline = setTimeout(() => void sub.close(), ms);
  try {
    for (;;) {
      const r = await sub.next();
      if (r.done === true) throw new Error(`no event for ${name} within ${ms} ms`);
      if (r.value.dom.name !== name) continue;
      seen?.push(r.value);
      return r.value;
    }
  } finally {
    clearTimeout(deadline);
  }
}

describe('DomainApi on qemu:///system with the test guest', { skip: NOT_ROOT }, () => {
  let client: LibvirtClient;
  let lifecycle: EventSubscription<DomainLifecycleEvent>;
  let agentEvents: EventSubscription<DomainAgentLifecycleEvent>;
  const seen: DomainLifecycleEvent[] = [];
  const name = uniqueDomainName('dom');
  let workDir = '';
  let dom: DomainRef;
  let tty: Duplex | undefined;
  let consoleText: StreamText;

  before(async () => {
    const guest = await ensureTestGuest();
    workDir = mkdtempSync(join(tmpdir(), `${name}-`));
    chmodSync(workDir, 0o755);
    client = await LibvirtClient.connect('qemu:///system');
    lifecycle = await client.events.domainLifecycle();
    agentEvents = await client.events.domainAgentLifecycle();
    const xml = testGuestDomainXml({
      name,
      kernel: guest.vmlinux,
      initrd: guest.initrd,
      serialLog: join(workDir, 'serial.log'),
      agent: true,
    });
    dom = await client.domains.defineXml(xml, 1 /* VIR_DOMAIN_DEFINE_VALIDATE */);
  });

  after(async () => {
    tty?.destroy();
    await lifecycle.return?.();
    await agentEvents.return?.();
    await client.close();
    destroyAndUndefine(name);
    rmSync(workDir, { recursive: true, force: true });
  });

  it('announced the definition with a DEFINED event', async () => {
    assert.equal(dom.name, name);
    assert.equal(dom.id, -1);
    assert.equal((await nextFor(lifecycle, name, 10_000, seen)).event, EV.DEFINED);
    assert.equal((await client.domains.getState(dom)).state, 5);
  });

  it('starts paused, attaches the console, resumes and reads the boot marker through the console', async () => {
    const started = await client.domains.createWithFlags(dom, 1 /* START_PAUSED */);
    assert.ok(started.id > 0);
    dom = started;
    assert.equal((await client.domains.getState(dom)).state, 3);
    tty = await client.domains.openConsole(dom);
    consoleText = new StreamText(tty);
    await client.domains.resume(dom);
    // Wait for the whole line: the console delivers it in chunks.
    const m = await consoleText.waitFor(new RegExp(`${GUEST_MARKERS.ready}[^\\r\\n]*\\r?\\n`), 120_000);
    assert.match(m[0], /uptime=/);
  });

  it('types a command into the console and reads the answer', async () => {
    const a = randomInt(1000, 9999);
    const b = randomInt(1000, 9999);
    const token = `hv-${a + b}-ok`;
    const from = consoleText.text.length;
    // The shell on ttyS0 starts right after the marker; repeat the line until it answers.
    let answered = false;
    for (let attempt = 0; attempt < 20 && !answered; attempt++) {
      tty!.write(`echo hv-$((${a}+${b}))-ok\r`);
      answered = await consoleText.waitFor(new RegExp(`^${token}\\r?$`, 'm'), 1500, from).then(
        () => true,
        () => false,
      );
    }
    assert.ok(answered, `no answer; console said: ${consoleText.text.slice(from, from + 500)}`);
  });

  it('hears the agent connect, pings it and reads addresses and hostname through it', async () => {
    // At start the channel reports DISCONNECTED (2); CONNECTED (1) follows when qemu-ga opens it.
    let ev = await nextFor(agentEvents, name, 60_000);
    while (ev.state !== 1) ev = await nextFor(agentEvents, name, 60_000);
    assert.equal(ev.state, 1, 'agent connected');
    const pong = await client.domains.agentCommand(dom, '{"execute":"guest-ping"}', 10);
    assert.deepEqual(JSON.parse(pong ?? 'null'), { return: {} });
    const ifaces = await client.domains.interfaceAddresses(dom, 1 /* AGENT */);
    const lo = ifaces.find((i) => i.name === 'lo');
    assert.ok(lo, `interfaces: ${JSON.stringify(ifaces)}`);
    assert.ok(lo.addrs.some((x) => x.addr === '127.0.0.1' && x.prefix === 8));
    assert.ok((await client.domains.getHostname(dom, 2 /* AGENT */)).length > 0);
  });

  it('reads state, info and bulk stats of the running guest', async () => {
    const info = await client.domains.getInfo(dom);
    assert.equal(info.state, 1);
    assert.equal(info.maxMemKiB, 128n * 1024n);
    assert.equal(info.nrVirtCpu, 1);
    assert.ok(info.cpuTimeNs > 0n);
    const [rec] = await client.domains.getAllDomainStats([dom], 1 | 2 | 8, 0);
    assert.ok(rec);
    assert.equal(rec.stats['state.state'], 1);
    assert.equal(typeof rec.stats['cpu.time'], 'bigint');
    assert.equal(rec.stats['vcpu.current'], 1);
    const listed = (await listDomainsWithStats(client)).find((d) => d.name === name);
    assert.ok(listed);
    assert.equal(listed.state, 1);
    assert.equal(listed.vcpus, 1);
    assert.equal(listed.maxMemoryKiB, 128 * 1024);
    assert.ok(listed.cpuTimeNs > 0n);
    const job = await client.domains.getJobInfo(dom);
    assert.equal(job.type, 0);
  });

  it('shuts down by ACPI: SHUTDOWN then STOPPED(shutdown) events, in order after STARTED/RESUMED', async () => {
    tty?.destroy();
    tty = undefined;
    await client.domains.shutdownFlags(dom, 1 /* ACPI_POWER_BTN */);
    for (;;) {
      const ev = await nextFor(lifecycle, name, 60_000, seen);
      if (ev.event === EV.STOPPED) break;
    }
    const kinds = seen.map((e) => e.event);
    const order = [EV.DEFINED, EV.STARTED, EV.RESUMED, EV.SHUTDOWN, EV.STOPPED].map((k) => kinds.indexOf(k));
    assert.ok(
      order.every((i, n) => i >= 0 && (n === 0 || i > order[n - 1]!)),
      `events: ${JSON.stringify(kinds)}`,
    );
    assert.equal(seen.at(-1)?.detail, 0 /* STOPPED_SHUTDOWN */);
    assert.equal((await client.domains.getState(dom)).state, 5);
  });

  it('undefines with an UNDEFINED event', async () => {
    await client.domains.undefine(dom);
    assert.equal((await nextFor(lifecycle, name, 10_000, seen)).event, EV.UNDEFINED);
    await assert.rejects(
      client.domains.lookupByName(name),
      (e: unknown) => e instanceof LibvirtError && e.isNoDomain(),
    );
  });
});
