// Why: "what VMs are there and how are they doing" in hv's words (state words, MiB, seconds), read in
// one bulk stats call plus one autostart listing however many VMs the host has. The detailed listing
// of `hv ls` adds tags, addresses (leases, else the agent) and, when asked, CPU % (a second sample).
import { compareNames } from '../compare-names.js';
import { listDomainsWithStats, type DomainWithStats, type LibvirtClient } from '../../libvirt/index.js';
import { cpuPercentBetween, cpuSample, secondCpuSample, CPU_SAMPLE_MS } from './info/cpu-percent.js';
import { allAddresses, runningVmAddresses } from './info/guest-addresses.js';
import { fromLibvirtError } from '../libvirt-errors.js';
import { validateEnum } from '../validate/validate-enum.js';
import { VM_STATES, normalizeStateFilter, vmStateWord, type VmState } from './vm-state.js';
import { domainRefOf } from './vm-ref.js';
import { keepTagged, readVmTags } from './vm-tags.js';

/** One VM as `hv ls` shows it. */
export interface VmSummary {
  readonly name: string;
  readonly uuid: string;
  /** libvirt's id while running, else null. */
  readonly id: number | null;
  readonly state: VmState;
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly maxMemoryMiB: number;
  /** CPU time used, seconds (3 decimals). */
  readonly cpuTimeSeconds: number;
  readonly autostart: boolean;
  /** Present when a tag filter was applied. */
  readonly tags?: readonly string[];
}

/** A listed VM with what the detailed listing read for it. */
interface DetailedRow {
  readonly row: VmSummary;
  readonly tags: readonly string[];
  readonly ipAddresses: readonly string[];
}

/** One row of `hv ls`: the summary plus what the detailed listing adds. */
export interface VmListRow extends VmSummary {
  /** Percent of one host CPU over the sample interval; null when not running or not sampled. */
  readonly cpuPercent: number | null;
  /** Addresses from DHCP leases, else the guest agent (running VMs only). */
  readonly ipAddresses: readonly string[];
  readonly tags: readonly string[];
}

/** What {@link VmService.listDetailed} adds to the filters. */
export interface VmListDetailOptions extends VmListFilter {
  /** Interval between the two CPU samples; 0 skips CPU % (default {@link CPU_SAMPLE_MS}). */
  readonly cpuSampleMs?: number;
  /** Look up addresses (default true). */
  readonly addresses?: boolean;
}

/** Filters of {@link VmService.list}. */
export interface VmListFilter {
  /** A state word (`running`, `shut off`/`shutoff`, `paused`...). */
  readonly state?: string;
  /** Only VMs carrying this tag in hv's metadata. */
  readonly tag?: string;
  readonly signal?: AbortSignal;
}

/** Converts a libvirt record into a VmSummary. */
export function toVmSummary(d: DomainWithStats): VmSummary {
  return {
    name: d.name,
    uuid: d.uuid,
    id: d.id >= 0 ? d.id : null,
    state: vmStateWord(d.state),
    vcpus: d.vcpus,
    memoryMiB: Math.round(d.memoryKiB / 1024),
    maxMemoryMiB: Math.round(d.maxMemoryKiB / 1024),
    cpuTimeSeconds: Number(d.cpuTimeNs / 1_000_000n) / 1000,
    autostart: d.autostart,
  };
}

/** VM queries and actions on one host connection. */
export class VmService {
  readonly #client: LibvirtClient;

  constructor(client: LibvirtClient) {
    this.#client = client;
  }

  /**
   * Every VM, sorted by name, optionally filtered by state and tag. Costs one bulk stats call and one
   * listing; a tag filter adds one metadata read per VM.
   * @throws ValidationError for an unknown state word.
   */
  async list(filter: VmListFilter = {}): Promise<VmSummary[]> {
    const state =
      filter.state === undefined
        ? undefined
        : validateEnum('state', normalizeStateFilter(filter.state), VM_STATES);
    let rows = (await this.#records(filter.signal)).map(toVmSummary);
    if (state !== undefined) rows = rows.filter((r) => r.state === state);
    if (filter.tag !== undefined) rows = await keepTagged(this.#client, rows, filter.tag, filter.signal);
    return rows.sort((a, b) => compareNames(a.name, b.name));
  }

  /**
   * `hv ls`: like {@link list}, plus tags (one metadata read per VM), addresses of running VMs (one
   * lease lookup each, then the guest agent with a short timeout for those without a lease) and CPU %
   * (a second bulk stats call `cpuSampleMs` later, only when some listed VM runs). All per-VM calls
   * are pipelined on the one connection; no domain XML is read or parsed.
   */
  async listDetailed(options: VmListDetailOptions = {}): Promise<VmListRow[]> {
    const state =
      options.state === undefined
        ? undefined
        : validateEnum('state', normalizeStateFilter(options.state), VM_STATES);
    const { signal } = options;
    const before = process.hrtime.bigint();
    const records = await this.#records(signal);
    const first = cpuSample(records, before, process.hrtime.bigint());
    const rows = records.map(toVmSummary).filter((r) => state === undefined || r.state === state);
    const running = rows.some((r) => r.id !== null);
    const sampleMs = options.cpuSampleMs ?? CPU_SAMPLE_MS;
    const { tag } = options;
    const wantAddresses = options.addresses !== false;
    // Without a tag filter a row's tags and addresses are read together, so the connection's call
    // slots never idle between the two kinds of reads; with one, only matching rows look up addresses.
    const detail = async (row: VmSummary): Promise<DetailedRow | undefined> => {
      const dom = domainRefOf(row);
      const addresses = async (): Promise<readonly string[]> =>
        wantAddresses && row.id !== null
          ? allAddresses(await runningVmAddresses(this.#client, dom, signal))
          : [];
      if (tag === undefined) {
        const [tags, ipAddresses] = await Promise.all([readVmTags(this.#client, dom, signal), addresses()]);
        return { row, tags, ipAddresses };
      }
      const tags = await readVmTags(this.#client, dom, signal);
      return tags.includes(tag) ? { row, tags, ipAddresses: await addresses() } : undefined;
    };
    const [details, second] = await Promise.all([
      Promise.all(rows.map(detail)),
      running && sampleMs > 0 ? secondCpuSample(this.#client, first, sampleMs, signal) : undefined,
    ]).catch((err: unknown) => {
      throw fromLibvirtError(err, 'listing VMs');
    });
    signal?.throwIfAborted();
    const percent = second === undefined ? new Map<string, number>() : cpuPercentBetween(first, second);
    const out = details
      .filter((d): d is DetailedRow => d !== undefined)
      .map(({ row, tags, ipAddresses }): VmListRow => ({
        ...row,
        tags,
        cpuPercent: percent.get(row.uuid) ?? null,
        ipAddresses,
      }));
    return out.sort((a, b) => compareNames(a.name, b.name));
  }

  async #records(signal: AbortSignal | undefined): Promise<DomainWithStats[]> {
    try {
      return await listDomainsWithStats(this.#client, { ...(signal !== undefined && { signal }) });
    } catch (err) {
      throw fromLibvirtError(err, 'listing VMs');
    }
  }
}
