// Why: "what VMs are there and how are they doing" in hv's words (state words, MiB, seconds), read in
// one bulk stats call plus one autostart listing however many VMs the host has.
import { listDomainsWithStats, type DomainWithStats, type LibvirtClient } from '../../libvirt/index.js';
import { fromLibvirtError } from '../libvirt-errors.js';
import { validateEnum } from '../validate/validate-enum.js';
import { VM_STATES, normalizeStateFilter, vmStateWord, type VmState } from './vm-state.js';
import { vmTags } from './vm-tags.js';

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
    let rows: VmSummary[];
    try {
      const records = await listDomainsWithStats(this.#client, {
        ...(filter.signal !== undefined && { signal: filter.signal }),
      });
      rows = records.map(toVmSummary);
    } catch (err) {
      throw fromLibvirtError(err, 'listing VMs');
    }
    if (state !== undefined) rows = rows.filter((r) => r.state === state);
    if (filter.tag !== undefined) {
      const tag = filter.tag;
      const tagged = await Promise.all(
        rows.map(async (r) => ({ ...r, tags: await vmTags(this.#client, r.uuid) })),
      );
      rows = tagged.filter((r) => r.tags.includes(tag));
    }
    return rows.sort((a, b) => a.name.localeCompare(b.name));
  }
}
