// Why: the typed face of libvirt's domain procedures, in libvirt's own words (lookupByName,
// createWithFlags, getState...). Each method is one procedure call (tunables: two) with friendly types:
// bigint for 64-bit counters, Buffer uuids, records for typed parameters, flags as OR-able numbers.
import type { Duplex } from 'node:stream';
import type { CallOptions, RpcCaller } from './rpc-caller.js';
import type { TypedParam, TypedParamRecord } from '../xdr/typed-params.js';
import * as life from '../procedures/domain-lifecycle-procedures.js';
import * as info from '../procedures/domain-info-procedures.js';
import * as tune from '../procedures/domain-tuning-procedures.js';
import * as stats from '../procedures/domain-stats-procedures.js';
import { parseUuid, type DomainRef } from '../procedures/domain-types.js';
import { fetchCountedParams, toRecord, withCurrentTypes, type TypedParamInput } from './typed-param-calls.js';
import { openConsole, openChannel, screenshot, type ConsoleOptions } from './console-api.js';
import { agentCommand, fsFreeze, fsThaw } from './agent-api.js';
import { migratePerform3Params, type MigrateParamsInput } from './migration-api.js';

/** virDomainInfo, with 64-bit values as bigint. */
export interface DomainInfo {
  /** virDomainState. */
  readonly state: number;
  readonly maxMemKiB: bigint;
  readonly memoryKiB: bigint;
  readonly nrVirtCpu: number;
  readonly cpuTimeNs: bigint;
}

/** One record of CONNECT_GET_ALL_DOMAIN_STATS: the domain and its statistics by key. */
export interface DomainStatsRecord {
  readonly dom: DomainRef;
  readonly stats: TypedParamRecord;
}

/** One guest interface as DOMAIN_INTERFACE_ADDRESSES reports it. */
export interface DomainInterface {
  readonly name: string;
  readonly hwaddr: string | undefined;
  /** type 0 IPv4, 1 IPv6. */
  readonly addrs: readonly { readonly type: number; readonly addr: string; readonly prefix: number }[];
}

/** virDomainJobInfo, with 64-bit values as bigint. */
export type DomainJobInfo = Awaited<ReturnType<DomainApi['getJobInfo']>>;

/** Typed wrapper over the domain procedures of one connection. */
export class DomainApi {
  readonly #c: RpcCaller;

  constructor(caller: RpcCaller) {
    this.#c = caller;
  }

  /** CONNECT_LIST_ALL_DOMAINS: every domain matching `flags` (VIR_CONNECT_LIST_DOMAINS_*; 0 = all). */
  async listAll(flags = 0, opts?: CallOptions): Promise<DomainRef[]> {
    return (await this.#c.call(life.connectListAllDomains, { needResults: 1, flags }, opts)).domains;
  }

  /** DOMAIN_LOOKUP_BY_NAME. Rejects with a LibvirtError (isNoDomain) when absent. */
  async lookupByName(name: string, opts?: CallOptions): Promise<DomainRef> {
    return (await this.#c.call(life.domainLookupByName, { name }, opts)).dom;
  }

  /** DOMAIN_LOOKUP_BY_UUID: `uuid` as 16 bytes or the 8-4-4-4-12 string. */
  async lookupByUuid(uuid: Buffer | string, opts?: CallOptions): Promise<DomainRef> {
    const bytes = typeof uuid === 'string' ? parseUuid(uuid) : uuid;
    return (await this.#c.call(life.domainLookupByUuid, { uuid: bytes }, opts)).dom;
  }

  /** DOMAIN_LOOKUP_BY_ID (running domains only). */
  async lookupById(id: number, opts?: CallOptions): Promise<DomainRef> {
    return (await this.#c.call(life.domainLookupById, { id }, opts)).dom;
  }

  /** DOMAIN_DEFINE_XML_FLAGS: define (or redefine) a persistent domain; flags VALIDATE=1. */
  async defineXml(xml: string, flags = 0, opts?: CallOptions): Promise<DomainRef> {
    return (await this.#c.call(life.domainDefineXmlFlags, { xml, flags }, opts)).dom;
  }

  /** DOMAIN_UNDEFINE_FLAGS: flags MANAGED_SAVE=1, SNAPSHOTS_METADATA=2, NVRAM=4, CHECKPOINTS_METADATA=16... */
  async undefine(dom: DomainRef, flags = 0, opts?: CallOptions): Promise<void> {
    await this.#c.call(life.domainUndefineFlags, { dom, flags }, opts);
  }

  /** DOMAIN_CREATE_WITH_FLAGS: start a defined domain; returns it with its new id. START_PAUSED=1... */
  async createWithFlags(dom: DomainRef, flags = 0, opts?: CallOptions): Promise<DomainRef> {
    return (await this.#c.call(life.domainCreateWithFlags, { dom, flags }, opts)).dom;
  }

  /** DOMAIN_CREATE_XML: create and start a transient domain. */
  async createXml(xml: string, flags = 0, opts?: CallOptions): Promise<DomainRef> {
    return (await this.#c.call(life.domainCreateXml, { xmlDesc: xml, flags }, opts)).dom;
  }

  /** DOMAIN_SHUTDOWN_FLAGS: ask the guest to power off; ACPI_POWER_BTN=1, GUEST_AGENT=2. */
  async shutdownFlags(dom: DomainRef, flags = 0, opts?: CallOptions): Promise<void> {
    await this.#c.call(life.domainShutdownFlags, { dom, flags }, opts);
  }

  /** DOMAIN_DESTROY_FLAGS: pull the plug; GRACEFUL=1 (SIGTERM only). */
  async destroyFlags(dom: DomainRef, flags = 0, opts?: CallOptions): Promise<void> {
    await this.#c.call(life.domainDestroyFlags, { dom, flags }, opts);
  }

  /** DOMAIN_REBOOT: flags ACPI_POWER_BTN=1, GUEST_AGENT=2... */
  async reboot(dom: DomainRef, flags = 0, opts?: CallOptions): Promise<void> {
    await this.#c.call(life.domainReboot, { dom, flags }, opts);
  }

  /** DOMAIN_RESET: hard reset, no guest cooperation. */
  async reset(dom: DomainRef, flags = 0, opts?: CallOptions): Promise<void> {
    await this.#c.call(life.domainReset, { dom, flags }, opts);
  }

  /** DOMAIN_SUSPEND: pause the vCPUs. */
  async suspend(dom: DomainRef, opts?: CallOptions): Promise<void> {
    await this.#c.call(life.domainSuspend, { dom }, opts);
  }

  /** DOMAIN_RESUME. */
  async resume(dom: DomainRef, opts?: CallOptions): Promise<void> {
    await this.#c.call(life.domainResume, { dom }, opts);
  }

  /** DOMAIN_MANAGED_SAVE: save state to libvirt's managed file and stop; the next start restores it. */
  async managedSave(dom: DomainRef, flags = 0, opts?: CallOptions): Promise<void> {
    await this.#c.call(life.domainManagedSave, { dom, flags }, opts);
  }

  /** DOMAIN_MANAGED_SAVE_REMOVE. */
  async managedSaveRemove(dom: DomainRef, flags = 0, opts?: CallOptions): Promise<void> {
    await this.#c.call(life.domainManagedSaveRemove, { dom, flags }, opts);
  }

  /** DOMAIN_HAS_MANAGED_SAVE_IMAGE. */
  async hasManagedSaveImage(dom: DomainRef, flags = 0, opts?: CallOptions): Promise<boolean> {
    return (await this.#c.call(life.domainHasManagedSaveImage, { dom, flags }, opts)).result !== 0;
  }

  /** DOMAIN_RENAME (inactive domains). */
  async rename(dom: DomainRef, newName: string, flags = 0, opts?: CallOptions): Promise<void> {
    await this.#c.call(life.domainRename, { dom, newName, flags }, opts);
  }

  /** DOMAIN_GET_XML_DESC: flags SECURE=1, INACTIVE=2, UPDATE_CPU=4, MIGRATABLE=8. */
  async getXmlDesc(dom: DomainRef, flags = 0, opts?: CallOptions): Promise<string> {
    return (await this.#c.call(info.domainGetXmlDesc, { dom, flags }, opts)).xml;
  }

  /** DOMAIN_GET_STATE: virDomainState and its reason. */
  async getState(dom: DomainRef, opts?: CallOptions): Promise<{ state: number; reason: number }> {
    return this.#c.call(info.domainGetState, { dom, flags: 0 }, opts);
  }

  /** DOMAIN_GET_INFO. */
  async getInfo(dom: DomainRef, opts?: CallOptions): Promise<DomainInfo> {
    const r = await this.#c.call(info.domainGetInfo, { dom }, opts);
    return {
      state: r.state,
      maxMemKiB: r.maxMem,
      memoryKiB: r.memory,
      nrVirtCpu: r.nrVirtCpu,
      cpuTimeNs: r.cpuTime,
    };
  }

  /**
   * CONNECT_GET_ALL_DOMAIN_STATS: statistics of `doms` (empty: every domain) in ONE call. `stats` is a
   * VIR_DOMAIN_STATS_* mask (0 = all groups the driver has), `flags` VIR_CONNECT_GET_ALL_DOMAINS_STATS_*.
   */
  async getAllDomainStats(
    doms: readonly DomainRef[],
    statsMask: number,
    flags = 0,
    opts?: CallOptions,
  ): Promise<DomainStatsRecord[]> {
    const r = await this.#c.call(
      stats.connectGetAllDomainStats,
      { doms: [...doms], stats: statsMask >>> 0, flags: flags >>> 0 },
      opts,
    );
    return r.retStats.map((rec) => ({ dom: rec.dom, stats: toRecord(rec.params) }));
  }

  /** DOMAIN_GET_AUTOSTART. */
  async getAutostart(dom: DomainRef, opts?: CallOptions): Promise<boolean> {
    return (await this.#c.call(info.domainGetAutostart, { dom }, opts)).autostart !== 0;
  }

  /** DOMAIN_SET_AUTOSTART. */
  async setAutostart(dom: DomainRef, autostart: boolean, opts?: CallOptions): Promise<void> {
    await this.#c.call(info.domainSetAutostart, { dom, autostart: autostart ? 1 : 0 }, opts);
  }

  /**
   * DOMAIN_SET_METADATA: type VIR_DOMAIN_METADATA_* (0 description, 1 title, 2 element); for elements
   * `key` is the namespace prefix and `uri` the namespace; `metadata` undefined removes it.
   */
  async setMetadata(
    dom: DomainRef,
    type: number,
    metadata: string | undefined,
    key: string | undefined,
    uri: string | undefined,
    flags = 0,
    opts?: CallOptions,
  ): Promise<void> {
    await this.#c.call(
      info.domainSetMetadata,
      {
        dom,
        type,
        metadata: metadata ?? null,
        key: key ?? null,
        uri: uri ?? null,
        flags,
      },
      opts,
    );
  }

  /** DOMAIN_GET_METADATA: rejects with VIR_ERR_NO_DOMAIN_METADATA when absent. */
  async getMetadata(
    dom: DomainRef,
    type: number,
    uri: string | undefined,
    flags = 0,
    opts?: CallOptions,
  ): Promise<string> {
    return (await this.#c.call(info.domainGetMetadata, { dom, type, uri: uri ?? null, flags }, opts))
      .metadata;
  }

  /** DOMAIN_GET_HOSTNAME: flags SOURCE_LEASE=1, SOURCE_AGENT=2. */
  async getHostname(dom: DomainRef, flags = 0, opts?: CallOptions): Promise<string> {
    return (await this.#c.call(info.domainGetHostname, { dom, flags }, opts)).hostname;
  }

  /** DOMAIN_INTERFACE_ADDRESSES: source 0 lease, 1 agent, 2 arp. */
  async interfaceAddresses(
    dom: DomainRef,
    source: number,
    flags = 0,
    opts?: CallOptions,
  ): Promise<DomainInterface[]> {
    const r = await this.#c.call(info.domainInterfaceAddresses, { dom, source, flags }, opts);
    return r.ifaces.map((i) => ({ name: i.name, hwaddr: i.hwaddr ?? undefined, addrs: i.addrs }));
  }

  /** DOMAIN_SET_VCPUS_FLAGS: flags AFFECT_LIVE=1, AFFECT_CONFIG=2, VCPU_MAXIMUM=4, VCPU_GUEST=8. */
  async setVcpusFlags(dom: DomainRef, nvcpus: number, flags = 0, opts?: CallOptions): Promise<void> {
    await this.#c.call(tune.domainSetVcpusFlags, { dom, nvcpus, flags }, opts);
  }

  /** DOMAIN_SET_MEMORY_FLAGS (KiB): flags AFFECT_LIVE=1, AFFECT_CONFIG=2, MEM_MAXIMUM=4. */
  async setMemoryFlags(dom: DomainRef, kib: bigint | number, flags = 0, opts?: CallOptions): Promise<void> {
    await this.#c.call(tune.domainSetMemoryFlags, { dom, memory: BigInt(kib), flags }, opts);
  }

  /** DOMAIN_SET_MAX_MEMORY (KiB). */
  async setMaxMemory(dom: DomainRef, kib: bigint | number, opts?: CallOptions): Promise<void> {
    await this.#c.call(tune.domainSetMaxMemory, { dom, memory: BigInt(kib) }, opts);
  }

  /** DOMAIN_BLOCK_RESIZE: `size` in KiB unless flags has RESIZE_BYTES=1. */
  async blockResize(
    dom: DomainRef,
    disk: string,
    size: bigint | number,
    flags = 0,
    opts?: CallOptions,
  ): Promise<void> {
    await this.#c.call(tune.domainBlockResize, { dom, disk, size: BigInt(size), flags }, opts);
  }

  /** DOMAIN_ATTACH_DEVICE_FLAGS: flags AFFECT_LIVE=1, AFFECT_CONFIG=2. */
  async attachDeviceFlags(dom: DomainRef, xml: string, flags = 0, opts?: CallOptions): Promise<void> {
    await this.#c.call(tune.domainAttachDeviceFlags, { dom, xml, flags }, opts);
  }

  /** DOMAIN_DETACH_DEVICE_FLAGS. */
  async detachDeviceFlags(dom: DomainRef, xml: string, flags = 0, opts?: CallOptions): Promise<void> {
    await this.#c.call(tune.domainDetachDeviceFlags, { dom, xml, flags }, opts);
  }

  /** DOMAIN_UPDATE_DEVICE_FLAGS (e.g. change a cdrom's media). */
  async updateDeviceFlags(dom: DomainRef, xml: string, flags = 0, opts?: CallOptions): Promise<void> {
    await this.#c.call(tune.domainUpdateDeviceFlags, { dom, xml, flags }, opts);
  }

  /** DOMAIN_GET_SCHEDULER_TYPE then DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS. */
  async getSchedulerParameters(dom: DomainRef, flags = 0): Promise<TypedParam[]> {
    const { nparams } = await this.#c.call(tune.domainGetSchedulerType, { dom });
    if (nparams <= 0) return [];
    const r = await this.#c.call(tune.domainGetSchedulerParametersFlags, { dom, nparams, flags });
    return [...r.params];
  }

  /** DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS (a record takes each field's type from the current values). */
  async setSchedulerParameters(dom: DomainRef, params: TypedParamInput, flags = 0): Promise<void> {
    const current = Array.isArray(params) ? [] : await this.getSchedulerParameters(dom, flags);
    const typed = withCurrentTypes(params, current);
    await this.#c.call(tune.domainSetSchedulerParametersFlags, { dom, params: typed, flags });
  }

  /** DOMAIN_GET_MEMORY_PARAMETERS (nparams 0 first, then the count). Values in KiB. */
  async getMemoryParameters(dom: DomainRef, flags = 0): Promise<TypedParam[]> {
    return fetchCountedParams((nparams) =>
      this.#c.call(tune.domainGetMemoryParameters, { dom, nparams, flags }),
    );
  }

  /** DOMAIN_SET_MEMORY_PARAMETERS (hard_limit, soft_limit, swap_hard_limit, min_guarantee; KiB). */
  async setMemoryParameters(dom: DomainRef, params: TypedParamInput, flags = 0): Promise<void> {
    const current = Array.isArray(params) ? [] : await this.getMemoryParameters(dom, flags);
    const typed = withCurrentTypes(params, current);
    await this.#c.call(tune.domainSetMemoryParameters, { dom, params: typed, flags });
  }

  /** DOMAIN_GET_BLKIO_PARAMETERS (nparams 0 first, then the count). */
  async getBlkioParameters(dom: DomainRef, flags = 0): Promise<TypedParam[]> {
    return fetchCountedParams((nparams) =>
      this.#c.call(tune.domainGetBlkioParameters, { dom, nparams, flags }),
    );
  }

  /** DOMAIN_SET_BLKIO_PARAMETERS (weight, device_weight, ...). */
  async setBlkioParameters(dom: DomainRef, params: TypedParamInput, flags = 0): Promise<void> {
    const current = Array.isArray(params) ? [] : await this.getBlkioParameters(dom, flags);
    const typed = withCurrentTypes(params, current);
    await this.#c.call(tune.domainSetBlkioParameters, { dom, params: typed, flags });
  }

  /** DOMAIN_GET_JOB_INFO: type VIR_DOMAIN_JOB_* (0 none, 1 bounded, 2 unbounded...). */
  async getJobInfo(dom: DomainRef, opts?: CallOptions) {
    return this.#c.call(stats.domainGetJobInfo, { dom }, opts);
  }

  /** DOMAIN_GET_JOB_STATS: flags COMPLETED=1, KEEP_COMPLETED=2. */
  async getJobStats(
    dom: DomainRef,
    flags = 0,
    opts?: CallOptions,
  ): Promise<{ type: number; stats: TypedParamRecord }> {
    const r = await this.#c.call(stats.domainGetJobStats, { dom, flags }, opts);
    return { type: r.type, stats: toRecord(r.params) };
  }

  /** DOMAIN_ABORT_JOB. */
  async abortJob(dom: DomainRef, opts?: CallOptions): Promise<void> {
    await this.#c.call(stats.domainAbortJob, { dom }, opts);
  }

  /** DOMAIN_FSFREEZE through the guest agent; returns how many file systems froze. */
  fsFreeze(dom: DomainRef, mountpoints: readonly string[] = [], flags = 0): Promise<number> {
    return fsFreeze(this.#c, dom, mountpoints, flags);
  }

  /** DOMAIN_FSTHAW; returns how many file systems thawed. */
  fsThaw(dom: DomainRef, mountpoints: readonly string[] = [], flags = 0): Promise<number> {
    return fsThaw(this.#c, dom, mountpoints, flags);
  }

  /** QEMU DOMAIN_AGENT_COMMAND: raw guest-agent JSON in, JSON text out (timeout s; -2 default). */
  agentCommand(dom: DomainRef, command: string, timeout = -2, flags = 0): Promise<string | undefined> {
    return agentCommand(this.#c, dom, command, timeout, flags);
  }

  /** DOMAIN_MIGRATE_PERFORM3_PARAMS peer-to-peer to `dconnuri`; flags VIR_MIGRATE_* (PEER2PEER added). */
  migrateToUri(dom: DomainRef, dconnuri: string, params: MigrateParamsInput, flags = 0): Promise<Buffer> {
    return migratePerform3Params(this.#c, dom, dconnuri, params, flags);
  }

  /** DOMAIN_OPEN_CONSOLE as a Duplex (write keystrokes, read output). */
  openConsole(dom: DomainRef, devName?: string, options: ConsoleOptions = {}): Promise<Duplex> {
    return openConsole(this.#c, dom, devName, options);
  }

  /** DOMAIN_OPEN_CHANNEL (a virtio-serial channel by name) as a Duplex. */
  openChannel(dom: DomainRef, name?: string, options: ConsoleOptions = {}): Promise<Duplex> {
    return openChannel(this.#c, dom, name, options);
  }

  /** DOMAIN_SCREENSHOT: the image's mime type and a stream of its bytes. */
  screenshot(dom: DomainRef, screen = 0, flags = 0): Promise<{ mime: string | undefined; stream: Duplex }> {
    return screenshot(this.#c, dom, screen, flags);
  }
}
