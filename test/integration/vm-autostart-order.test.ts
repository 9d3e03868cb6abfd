// Ordered autostart and shutdown-all on real tiny TCG guests under a PRIVATE libvirtd (both commands act
// on every VM of the host, so never on the shared one). Order comes from the STARTED/STOPPED lifecycle
// events in arrival order; the delays from the QEMU processes' start times (kernel clock, /proc), as
// lower bounds only. Both commands run twice (the second run does nothing), one guest ignores ACPI and
// is forced off after the timeout, and bad arguments give the documented exit codes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { DomainEventType } from '../../src/libvirt/index.js';
import { startBootOrderHost, type BootOrderHost } from '../helpers/boot-order-host.js';
import { GUEST_MARKERS, waitForSerial } from '../helpers/test-guest.js';

const NOT_ROOT = process.getuid?.() !== 0 ? 'needs root (starts its own libvirtd)' : false;
const BOOT_MS = 240_000;
const DELAY_MS = 400;
const GROUP_DELAY_MS = 900;

/** Start time of a process, ms since boot (clock ticks of /proc/PID/stat field 22; 100 Hz). */
function processStartMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[19]) * 10;
}

function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe(
  'hv autostart run / hv shutdown-all (private libvirtd, TCG guests)',
  { skip: NOT_ROOT, timeout: 900_000 },
  () => {
    let host: BootOrderHost;
    let config = '';
    const n: Record<string, string> = {};

    before(async () => {
      host = await startBootOrderHost(`hvtest-autostart-${process.pid.toString(36)}`);
      // Defined out of order on purpose; expected boot order: core-10, core-20, apps-5 (ignores ACPI), bare.
      n.apps = await host.define({
        label: 'apps5',
        autostart: true,
        hints: { group: 'apps', priority: 5 },
        kernelArgs: 'probe.acpi=ignore',
      });
      n.bare = await host.define({ label: 'bare', autostart: true });
      n.core20 = await host.define({
        label: 'core20',
        autostart: true,
        hints: { group: 'core', priority: 20 },
      });
      n.core10 = await host.define({
        label: 'core10',
        autostart: true,
        hints: { group: 'core', priority: 10 },
      });
      n.manual = await host.define({ label: 'manual', hints: { group: 'core', priority: 0 } });
      config = host.writeConfig(
        'config.yaml',
        `autostart:\n  groups_order: [core, apps]\n  delay_ms: ${DELAY_MS}\n  group_delay_ms: ${GROUP_DELAY_MS}\n  stop_timeout_seconds: 300\n`,
      );
    });

    after(async () => {
      await (host as BootOrderHost | undefined)?.dispose();
    });

    const bootOrder = (): string[] => [n.core10!, n.core20!, n.apps!, n.bare!];

    it('--dry-run prints the plan (order, waits) and starts nothing', async () => {
      const r = await host.hv(['--json', 'autostart', 'run', '--dry-run'], config);
      assert.equal(r.code, 0, r.stderr);
      const plan = jsonLines(r.stdout);
      assert.deepEqual(
        plan.map((s) => [s.name, s.group, s.priority, s.action, s.delay_before_ms]),
        [
          [n.core10, 'core', 10, 'start', 0],
          [n.core20, 'core', 20, 'start', DELAY_MS],
          [n.apps, 'apps', 5, 'start', DELAY_MS + GROUP_DELAY_MS],
          [n.bare, null, 50, 'start', DELAY_MS + GROUP_DELAY_MS],
        ],
      );
      assert.equal(host.events.filter((e) => e.event === DomainEventType.STARTED).length, 0);
    });

    it('starts the autostart VMs in group/priority order with the configured delays', async (t) => {
      const r = await host.hv(['autostart', 'run'], config);
      assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
      const started = host.events.filter((e) => e.event === DomainEventType.STARTED).map((e) => e.name);
      assert.deepEqual(started, bootOrder(), 'STARTED events in boot order; the manual VM not started');
      for (const name of bootOrder()) assert.match(r.stdout, new RegExp(`${name}\\s.*started`));
      assert.match(r.stderr, /\[1\/4\] starting .*core10/);
      // Lower bounds from the kernel's record of when each QEMU process began (10 ms ticks).
      const starts = bootOrder().map((name) => processStartMs(host.qemuPid(name)));
      const gaps = starts.slice(1).map((v, i) => v - starts[i]!);
      const want = [DELAY_MS, DELAY_MS + GROUP_DELAY_MS, DELAY_MS + GROUP_DELAY_MS];
      t.diagnostic(`QEMU start gaps ${gaps.join(', ')} ms (configured at least ${want.join(', ')} ms)`);
      gaps.forEach((g, i) => {
        assert.ok(g >= want[i]! - 20, `gap ${i + 1} is ${g} ms, expected >= ${want[i]} ms`);
      });
    });

    it('a second run skips the running VMs: no new start, same QEMU processes, exit 0', async () => {
      const pids = bootOrder().map((name) => host.qemuPid(name));
      const before = host.events.length;
      const r = await host.hv(['--json', 'autostart', 'run'], config);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(
        jsonLines(r.stdout).map((l) => [l.name, l.ok, l.result]),
        bootOrder().map((name) => [name, true, 'already running']),
      );
      assert.deepEqual(
        bootOrder().map((name) => host.qemuPid(name)),
        pids,
      );
      assert.equal(host.events.slice(before).filter((e) => e.event === DomainEventType.STARTED).length, 0);
    });

    it('shutdown-all stops hand-started VMs first, then autostart VMs in reverse order; ACPI-deaf one forced', async () => {
      const manual = await host.client.domains.lookupByName(n.manual!);
      await host.client.domains.createWithFlags(manual);
      const names = [...bootOrder(), n.manual!];
      await Promise.all(
        names.map((name) => waitForSerial(host.serialLog(name), GUEST_MARKERS.ready, BOOT_MS)),
      );
      const dry = await host.hv(['--json', 'shutdown-all', '--dry-run', '--timeout', '15'], config);
      assert.equal(dry.code, 0, dry.stderr);
      const reverse = [n.manual!, n.bare!, n.apps!, n.core20!, n.core10!];
      assert.deepEqual(
        jsonLines(dry.stdout).map((l) => l.name),
        reverse,
      );
      assert.ok(jsonLines(dry.stdout).every((l) => l.timeout_seconds === 15));
      const before = host.events.length;
      const r = await host.hv(['--json', 'shutdown-all', '--timeout', '15'], config);
      assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
      const results = jsonLines(r.stdout);
      assert.deepEqual(
        results.map((l) => l.name),
        reverse,
      );
      const outcome = new Map(results.map((l) => [l.name, l.result]));
      assert.equal(outcome.get(n.apps), 'forced off', 'probe.acpi=ignore guest forced off after the timeout');
      for (const name of [n.manual, n.bare, n.core20, n.core10])
        assert.equal(outcome.get(name), 'shut down', name);
      const stopped = host.events
        .slice(before)
        .filter((e) => e.event === DomainEventType.STOPPED)
        .map((e) => e.name);
      assert.deepEqual(stopped, reverse, 'STOPPED events in reverse boot order');
    });

    it('a second shutdown-all has nothing to do (exit 0)', async () => {
      const r = await host.hv(['shutdown-all'], config);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /nothing to do/);
    });

    it('Ctrl-C during a wait stops before the next VM: exit 130, the rest reported not run', async () => {
      const slow = host.writeConfig(
        'slow.yaml',
        'autostart:\n  groups_order: [core, apps]\n  delay_ms: 600000\n',
      );
      const before = host.events.length;
      const r = await host.hv(['autostart', 'run'], slow, 300_000, (child) => {
        let sent = false;
        child.stderr?.on('data', (chunk: Buffer) => {
          if (!sent && chunk.toString().includes('waiting')) {
            sent = true;
            child.kill('SIGINT');
          }
        });
      });
      assert.equal(r.code, 130, `${r.stdout}\n${r.stderr}`);
      const started = host.events
        .slice(before)
        .filter((e) => e.event === DomainEventType.STARTED)
        .map((e) => e.name);
      assert.deepEqual(started, [n.core10], 'only the first VM started');
      for (const name of [n.core20, n.apps, n.bare])
        assert.match(r.stdout, new RegExp(`${name}\\s.*not run`));
      await host.client.domains.destroyFlags(await host.client.domains.lookupByName(n.core10!));
    });

    it('bad arguments give the documented exit codes', async () => {
      const zero = await host.hv(['shutdown-all', '--timeout', '0'], config);
      assert.equal(zero.code, 4, zero.stderr);
      assert.match(zero.stderr, /--timeout/);
      const unknown = await host.hv(['autostart', 'run', '--bogus'], config);
      assert.equal(unknown.code, 4, unknown.stderr);
      const extra = await host.hv(['recover', 'web-1'], config);
      assert.equal(extra.code, 4, extra.stderr);
      const badConfig = host.writeConfig('bad.yaml', 'autostart:\n  delay_ms: -5\n');
      const cfg = await host.hv(['autostart', 'run', '--dry-run'], badConfig);
      assert.equal(cfg.code, 6, cfg.stderr);
      assert.match(cfg.stderr, /autostart\.delay_ms/);
    });
  },
);
