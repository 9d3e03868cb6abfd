// Why: the typed face of libvirt's host ("node") procedures: hardware summary, free memory, CPU and
// memory counters, security driver and SMBIOS data, with 64-bit values as bigint.
import type { CallOptions, RpcCaller } from './rpc-caller.js';
import * as p from '../procedures/node-procedures.js';

/** virNodeInfo. */
export interface NodeInfo {
  /** CPU model / architecture string, e.g. `x86_64`. */
  readonly model: string;
  /** Memory size in KiB. */
  readonly memoryKiB: bigint;
  /** Number of active CPUs. */
  readonly cpus: number;
  /** Expected CPU frequency in MHz (0 when unknown). */
  readonly mhz: number;
  /** NUMA cells (1 for uniform memory access). */
  readonly nodes: number;
  /** Sockets per NUMA cell. */
  readonly sockets: number;
  readonly cores: number;
  readonly threads: number;
}

/** Counters by name (NODE_GET_CPU_STATS: kernel/user/idle/iowait ns; NODE_GET_MEMORY_STATS: total/free/buffers/cached KiB). */
export type NodeStats = Record<string, bigint>;

/** virSecurityModel. */
export interface NodeSecurityModel {
  /** Security driver, e.g. `selinux`, `apparmor`, `none` (empty when none is active). */
  readonly model: string;
  /** Domain of interpretation (driver-specific). */
  readonly doi: string;
}

/** VIR_NODE_CPU_STATS_ALL_CPUS / VIR_NODE_MEMORY_STATS_ALL_CELLS. */
const ALL = -1;

/** Typed wrapper over the host procedures of one connection. */
export class NodeApi {
  readonly #c: RpcCaller;

  constructor(caller: RpcCaller) {
    this.#c = caller;
  }

  /** NODE_GET_INFO: CPU model, memory (KiB), CPU count and topology. */
  async getInfo(opts?: CallOptions): Promise<NodeInfo> {
    const r = await this.#c.call(p.nodeGetInfo, undefined, opts);
    return {
      model: r.model,
      memoryKiB: r.memory,
      cpus: r.cpus,
      mhz: r.mhz,
      nodes: r.nodes,
      sockets: r.sockets,
      cores: r.cores,
      threads: r.threads,
    };
  }

  /** NODE_GET_FREE_MEMORY: free memory of the whole host, in bytes. */
  async getFreeMemory(opts?: CallOptions): Promise<bigint> {
    return (await this.#c.call(p.nodeGetFreeMemory, undefined, opts)).freeMem;
  }

  /** NODE_GET_CELLS_FREE_MEMORY: free bytes of NUMA cells `startCell` .. `startCell + maxCells - 1`. */
  async getCellsFreeMemory(startCell = 0, maxCells = 1, opts?: CallOptions): Promise<bigint[]> {
    return (await this.#c.call(p.nodeGetCellsFreeMemory, { startCell, maxcells: maxCells }, opts)).cells;
  }

  /**
   * NODE_GET_CPU_STATS of one CPU or all (`cpuNum` -1): asks for the count first (nparams 0), then
   * for the values. Keys: kernel, user, idle, iowait (ns), or utilization (%).
   */
  async getCpuStats(cpuNum = ALL, flags = 0, opts?: CallOptions): Promise<NodeStats> {
    const first = await this.#c.call(p.nodeGetCpuStats, { cpuNum, nparams: 0, flags }, opts);
    if (first.nparams <= 0) return {};
    const r = await this.#c.call(p.nodeGetCpuStats, { cpuNum, nparams: first.nparams, flags }, opts);
    return Object.fromEntries(r.params.map((s) => [s.field, s.value]));
  }

  /**
   * NODE_GET_MEMORY_STATS of one NUMA cell or all (`cellNum` -1): count first, then the values.
   * Keys: total, free, buffers, cached (KiB).
   */
  async getMemoryStats(cellNum = ALL, flags = 0, opts?: CallOptions): Promise<NodeStats> {
    const first = await this.#c.call(p.nodeGetMemoryStats, { nparams: 0, cellNum, flags }, opts);
    if (first.nparams <= 0) return {};
    const r = await this.#c.call(p.nodeGetMemoryStats, { nparams: first.nparams, cellNum, flags }, opts);
    return Object.fromEntries(r.params.map((s) => [s.field, s.value]));
  }

  /** NODE_GET_SECURITY_MODEL: the security driver confining guests (empty model when none). */
  async getSecurityModel(opts?: CallOptions): Promise<NodeSecurityModel> {
    const r = await this.#c.call(p.nodeGetSecurityModel, undefined, opts);
    return { model: r.model, doi: r.doi };
  }

  /** CONNECT_GET_SYSINFO: the host's SMBIOS data as `<sysinfo>` XML. */
  async getSysinfo(flags = 0, opts?: CallOptions): Promise<string> {
    return (await this.#c.call(p.connectGetSysinfo, { flags }, opts)).sysinfo;
  }
}
