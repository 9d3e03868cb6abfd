// Issue 5 benchmark: starting and stopping 20 tiny TCG guests. `hv start` / `hv stop` / `hv kill` of
// all 20 in one bulk command (a glob, default --parallel) side by side with the seed's way, one virsh
// process per VM in sequence: `virsh start` loop; `virsh shutdown` + wait-until-shut-off loop (ACPI, as
// hv stop does); `virsh destroy` loop (force off, as hv kill does). Each stop and kill round starts
// from 20 booted guests (their READY line seen on the serial log). Every domain it defines is removed.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LibvirtClient } from '../src/libvirt/index.js';
import {
  GUEST_MARKERS,
  ensureTestGuest,
  testGuestDomainXml,
  waitForSerial,
} from '../test/helpers/test-guest.js';
import { timeProcess, timeProcessSequence, type Timing } from './lib/measure.js';
import { hostInfo, repoRoot, saveResult, type Comparison } from './lib/results.js';
import { undefineByPrefix } from './lib/fleet.js';

/** 20 (HV_BENCH_VMS overrides it for a quick trial run). */
const COUNT = Number(process.env.HV_BENCH_VMS ?? 20);
const URI = 'qemu:///system';
const PREFIX = 'hvbench-life';
const HV = join(repoRoot, 'bin', 'hv');
const ms = (t: Timing): string => `${(t.medianMs / 1000).toFixed(2)} s`;

async function allInState(client: LibvirtClient, names: readonly string[], state: number): Promise<void> {
  for (;;) {
    const doms = await Promise.all(names.map((n) => client.domains.lookupByName(n)));
    const states = await Promise.all(doms.map((d) => client.domains.getState(d)));
    if (states.every((s) => s.state === state)) return;
    await sleep(200);
  }
}

/** Every guest printed READY (a kernel panic, e.g. a timer check failing under load, fails fast). */
async function booted(logs: readonly string[]): Promise<void> {
  const seen = await Promise.all(
    logs.map((l) => waitForSerial(l, new RegExp(`${GUEST_MARKERS.ready}|Kernel panic`), 900_000)),
  );
  const panic = seen.find((m) => m.line.includes('Kernel panic'));
  if (panic !== undefined) throw new Error(`a guest panicked while booting: ${panic.line}`);
}

/** `virsh shutdown NAME` then poll `virsh domstate` until shut off, VM after VM (the seed's stop). */
function virshShutdownLoop(names: readonly string[]): Promise<Timing> {
  return timeProcessSequence(
    () =>
      names.flatMap((n) => [
        ['virsh', ['-c', URI, 'shutdown', n]] as const,
        ['sh', ['-c', waitOff(n)]] as const,
      ]),
    1,
  );
}

function waitOff(name: string): string {
  return `while [ "$(virsh -c ${URI} domstate ${name})" != "shut off" ]; do sleep 0.1; done`;
}

/** Run the benchmark. */
export async function run(): Promise<void> {
  const guest = await ensureTestGuest();
  const client = await LibvirtClient.connect(URI);
  const dir = mkdtempSync(join(tmpdir(), `${PREFIX}-`));
  chmodSync(dir, 0o755);
  const names = Array.from({ length: COUNT }, (_, i) => `${PREFIX}-${String(i + 1).padStart(2, '0')}`);
  const logs = names.map((n) => join(dir, `${n}.log`));
  const glob = `${PREFIX}-*`;
  const comparisons: Comparison[] = [];
  const raw: Record<string, unknown> = {};
  try {
    await undefineByPrefix(client, PREFIX);
    for (const [i, name] of names.entries()) {
      const xml = testGuestDomainXml({
        name,
        virtType: 'qemu',
        kernel: guest.vmlinux,
        initrd: guest.initrd,
        serialLog: logs[i] ?? '',
        network: null,
        agent: false,
        // 20 TCG guests booting on 2 cores starve the kernel's IO-APIC timer check into a panic.
        kernelArgs: 'no_timer_check',
      });
      await client.domains.defineXml(xml);
    }
    const seq = (verb: string) => () => names.map((n) => ['virsh', ['-c', URI, verb, n]] as const);
    // Start: the virsh loop, then hv (each from 20 shut-off domains; kill in between, untimed).
    const virshStart = await timeProcessSequence(seq('start'), 1);
    await booted(logs);
    const virshShutdown = await virshShutdownLoop(names);
    const hvStart = await timeProcess(HV, ['--connect', URI, 'start', glob], 1, 0);
    await booted(logs);
    const hvStop = await timeProcess(HV, ['--connect', URI, 'stop', glob, '--timeout', '300'], 1, 0);
    await allInState(client, names, 5);
    // Force off: both from 20 booted guests (as for stop; a booting fleet loads the host far more).
    await timeProcess(HV, ['--connect', URI, 'start', glob], 1, 0);
    await booted(logs);
    const hvKill = await timeProcess(HV, ['--connect', URI, 'kill', glob], 1, 0);
    await timeProcessSequence(seq('start'), 1);
    await booted(logs);
    const virshDestroy = await timeProcessSequence(seq('destroy'), 1);
    raw.timings = { virshStart, hvStart, virshShutdown, hvStop, virshDestroy, hvKill };
    raw.notes =
      `${COUNT} TCG guests (direct kernel boot, 128 MiB, no NIC); hv uses its default --parallel; ` +
      'stop and kill rounds start from booted guests (READY on serial); one sample each (boots are heavy)';
    comparisons.push(
      {
        what: `start ${COUNT} TCG VMs: \`hv start 'glob'\` (bulk) vs sequential \`virsh start\` loop`,
        hv: ms(hvStart),
        peer: ms(virshStart),
        ratio: virshStart.medianMs / hvStart.medianMs,
        goal: '≥ 2×',
      },
      {
        what: `stop ${COUNT} booted VMs (ACPI): \`hv stop\` vs \`virsh shutdown\` + wait, VM after VM`,
        hv: ms(hvStop),
        peer: ms(virshShutdown),
        ratio: virshShutdown.medianMs / hvStop.medianMs,
      },
      {
        what: `force off ${COUNT} VMs: \`hv kill\` vs sequential \`virsh destroy\` loop`,
        hv: ms(hvKill),
        peer: ms(virshDestroy),
        ratio: virshDestroy.medianMs / hvKill.medianMs,
      },
    );
    saveResult({
      name: 'lifecycle',
      title: `Starting and stopping ${COUNT} VMs (issue 5): hv bulk vs a virsh loop`,
      date: new Date().toISOString(),
      host: hostInfo(),
      comparisons,
      raw,
    });
    for (const c of comparisons) {
      console.log(`${c.what}: hv ${c.hv}, peer ${c.peer}, ratio ${c.ratio.toFixed(1)}x`);
    }
  } finally {
    for (const n of names) {
      const d = await client.domains.lookupByName(n).catch(() => undefined);
      if (d !== undefined) await client.domains.destroyFlags(d).catch(() => undefined);
    }
    await undefineByPrefix(client, PREFIX);
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
