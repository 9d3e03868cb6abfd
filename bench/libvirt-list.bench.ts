// Issue 3 benchmark: listing 100 VMs. hv's one bulk call (in-process and as `hv ls`) side by side with
// the seed's way (virsh list, then virsh dominfo per VM) and `virsh domstats`, on a test-driver fleet
// served by libvirtd and on 100 real defined domains on qemu:///system. Also 1000 DOMAIN_GET_STATE
// calls, one at a time and 5 in flight.
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { LibvirtClient, listDomainsWithStats } from '../src/libvirt/index.js';
import { timeAsync, timeProcess, timeProcessSequence, type Timing } from './lib/measure.js';
import { hostInfo, repoRoot, saveResult, type Comparison } from './lib/results.js';
import { defineIdleDomains, undefineByPrefix, writeTestFleet } from './lib/fleet.js';

const COUNT = 100;
const HV = join(repoRoot, 'bin', 'hv');
const ms = (t: Timing): string => `${t.medianMs.toFixed(2)} ms`;
const ratio = (peer: Timing, hv: Timing): number => peer.medianMs / hv.medianMs;

interface Target {
  label: string;
  hvUri: string;
  virshUri: string;
  client: LibvirtClient;
  names: string[];
}

async function measureTarget(
  t: Target,
  comparisons: Comparison[],
  raw: Record<string, unknown>,
): Promise<void> {
  const rows = await listDomainsWithStats(t.client);
  const seen = rows.filter((r) => t.names.includes(r.name)).length;
  if (seen !== COUNT) throw new Error(`${t.label}: expected ${COUNT} domains in the listing, saw ${seen}`);
  const bulk = await timeAsync(() => listDomainsWithStats(t.client), 50, 5);
  const hvLs = await timeProcess(HV, ['--connect', t.hvUri, 'ls', '--json'], 10);
  // Without V8's code cache (bin/hv.cjs): what the first run after an upgrade costs.
  const hvLsCold = await timeProcess(HV, ['--connect', t.hvUri, 'ls', '--json'], 5, 0, {
    HV_NO_CODE_CACHE: '1',
  });
  const seed = await timeProcessSequence(
    () => [
      ['virsh', ['-c', t.virshUri, 'list', '--all', '--name']],
      ...t.names.map((n) => ['virsh', ['-c', t.virshUri, 'dominfo', n]] as const),
    ],
    3,
  );
  const domstats = await timeProcess('virsh', ['-c', t.virshUri, 'domstats'], 10);
  raw[t.label] = { bulk, hvLs, hvLsCold, seed, domstats };
  comparisons.push(
    {
      what: `${t.label}: list ${COUNT} VMs, hv bulk call in-process vs virsh domstats`,
      hv: ms(bulk),
      peer: ms(domstats),
      ratio: ratio(domstats, bulk),
      goal: 'hv < 5 ms',
    },
    {
      what: `${t.label}: \`hv ls\` process vs seed (virsh list + ${COUNT}× dominfo)`,
      hv: ms(hvLs),
      peer: ms(seed),
      ratio: ratio(seed, hvLs),
      goal: '≥ 10×, hv < 150 ms',
    },
    {
      what: `${t.label}: \`hv ls\` without the code cache (first run of a new build) vs seed`,
      hv: ms(hvLsCold),
      peer: ms(seed),
      ratio: ratio(seed, hvLsCold),
    },
    {
      what: `${t.label}: \`hv ls\` process vs virsh domstats process`,
      hv: ms(hvLs),
      peer: ms(domstats),
      ratio: ratio(domstats, hvLs),
    },
  );
}

async function getStateCalls(
  client: LibvirtClient,
  name: string,
  comparisons: Comparison[],
  raw: Record<string, unknown>,
): Promise<void> {
  const dom = await client.domains.lookupByName(name);
  const N = 1000;
  const sequential = await timeAsync(
    async () => {
      for (let i = 0; i < N; i++) await client.domains.getState(dom);
    },
    3,
    1,
  );
  const parallel = await timeAsync(
    async () => {
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < N) {
          next += 1;
          await client.domains.getState(dom);
        }
      };
      await Promise.all(Array.from({ length: 5 }, worker));
    },
    3,
    1,
  );
  raw.getState = { sequential, parallel };
  comparisons.push({
    what: `${N} DOMAIN_GET_STATE calls: 5 in flight vs one at a time`,
    hv: `${ms(parallel)} (${((N / parallel.medianMs) * 1000).toFixed(0)}/s)`,
    peer: `${ms(sequential)} (${((N / sequential.medianMs) * 1000).toFixed(0)}/s)`,
    ratio: ratio(sequential, parallel),
  });
}

/**
 * The floor under any hv process on this machine: Node's own start-up, as the environment gives it
 * (NODE_EXTRA_CA_CERTS, when set, makes Node parse a CA file first; bin/hv starts Node without it).
 */
async function startupFloor(comparisons: Comparison[], raw: Record<string, unknown>): Promise<void> {
  const node = await timeProcess(process.execPath, ['-e', '0'], 10);
  const version = await timeProcess(HV, ['--version'], 10);
  raw.startup = { node, hvVersion: version, nodeExtraCaCerts: process.env.NODE_EXTRA_CA_CERTS ?? null };
  comparisons.push({
    what: `start-up: \`hv --version\` vs \`node -e 0\`${process.env.NODE_EXTRA_CA_CERTS === undefined ? '' : ' (NODE_EXTRA_CA_CERTS is set here)'}`,
    hv: ms(version),
    peer: ms(node),
    ratio: ratio(node, version),
  });
}

/** Run the benchmark and save bench/results/libvirt-list.json. */
export async function run(): Promise<void> {
  const comparisons: Comparison[] = [];
  const raw: Record<string, unknown> = {};
  const fleetPath = writeTestFleet(join(tmpdir(), 'hv-bench'), COUNT);
  const fleetClient = await LibvirtClient.connect(`test://${fleetPath}`);
  const qemu = await LibvirtClient.connect('qemu:///system');
  const prefix = 'hvbench';
  try {
    await undefineByPrefix(qemu, prefix);
    const qemuNames = await defineIdleDomains(qemu, prefix, COUNT);
    const fleetNames = Array.from({ length: COUNT }, (_, i) => `fleet-${String(i + 1).padStart(3, '0')}`);
    await measureTarget(
      {
        label: 'test-driver fleet',
        hvUri: `test://${fleetPath}`,
        virshUri: `test+unix://${fleetPath}`,
        client: fleetClient,
        names: fleetNames,
      },
      comparisons,
      raw,
    );
    await measureTarget(
      {
        label: 'qemu:///system',
        hvUri: 'qemu:///system',
        virshUri: 'qemu:///system',
        client: qemu,
        names: qemuNames,
      },
      comparisons,
      raw,
    );
    await getStateCalls(qemu, qemuNames[0] ?? '', comparisons, raw);
    await startupFloor(comparisons, raw);
  } finally {
    await undefineByPrefix(qemu, prefix);
    await qemu.close();
    await fleetClient.close();
  }
  saveResult({
    name: 'libvirt-list',
    title: 'Listing VMs (issue 3): hv vs virsh',
    date: new Date().toISOString(),
    host: hostInfo(),
    comparisons,
    raw,
  });
  for (const c of comparisons)
    console.log(`${c.what}: hv ${c.hv}, peer ${c.peer}, ratio ${c.ratio.toFixed(1)}x`);
}
