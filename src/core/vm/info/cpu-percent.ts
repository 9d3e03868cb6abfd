// Why: CPU time alone does not say how busy a VM is now. `hv ls` takes a second bulk stats sample a
// short interval after the first (only when some VM runs) and reports the difference as a percentage
// of one host CPU, like top: 100 = one CPU fully busy, a 4-vCPU VM can reach 400.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  GetAllDomainsStatsFlags,
  listDomainsWithStats,
  type DomainWithStats,
  type LibvirtClient,
} from '../../../libvirt/index.js';

/** Default interval between the two samples. */
export const CPU_SAMPLE_MS = 250;

/** One sample: CPU time per VM uuid and when it was taken (ns, monotonic). */
export interface CpuSample {
  readonly atNs: bigint;
  readonly cpuNs: ReadonlyMap<string, bigint>;
}

/** A sample from bulk records taken between `beforeNs` and `afterNs` (the midpoint is used). */
export function cpuSample(records: readonly DomainWithStats[], beforeNs: bigint, afterNs: bigint): CpuSample {
  return {
    atNs: (beforeNs + afterNs) / 2n,
    cpuNs: new Map(records.filter((r) => r.id >= 0).map((r) => [r.uuid, r.cpuTimeNs])),
  };
}

/** CPU % per uuid between two samples (one decimal); VMs missing from either sample are left out. Pure. */
export function cpuPercentBetween(first: CpuSample, second: CpuSample): Map<string, number> {
  const out = new Map<string, number>();
  const wallNs = Number(second.atNs - first.atNs);
  if (wallNs <= 0) return out;
  for (const [uuid, end] of second.cpuNs) {
    const start = first.cpuNs.get(uuid);
    if (start === undefined || end < start) continue;
    out.set(uuid, Math.round((Number(end - start) / wallNs) * 1000) / 10);
  }
  return out;
}

/** Take the second sample `intervalMs` after `first`: one bulk stats call for the active VMs. */
export async function secondCpuSample(
  client: LibvirtClient,
  first: CpuSample,
  intervalMs: number,
  signal?: AbortSignal,
): Promise<CpuSample> {
  const elapsedMs = Number(process.hrtime.bigint() - first.atNs) / 1e6;
  await sleep(Math.max(0, intervalMs - elapsedMs), undefined, signal === undefined ? {} : { signal });
  const before = process.hrtime.bigint();
  const records = await listDomainsWithStats(client, {
    filterFlags: GetAllDomainsStatsFlags.ACTIVE,
    ...(signal !== undefined && { signal }),
  });
  return cpuSample(records, before, process.hrtime.bigint());
}
