// Why: the typed face of libvirt's storage procedures, in libvirt's words: pools here, volumes
// inherited from StorageVolumeApi, so `client.storage` covers both. Sizes are bigint bytes.
import type { CallOptions, RpcCaller } from './rpc-caller.js';
import * as sp from '../procedures/storage-pool-procedures.js';
import { parseUuid } from '../procedures/domain-types.js';
import { StorageVolumeApi, type StoragePoolRef, type StorageVolRef } from './storage-volume-api.js';

/** virStoragePoolInfo. */
export interface StoragePoolInfo {
  /** virStoragePoolState: 0 inactive, 1 building, 2 running, 3 degraded, 4 inaccessible. */
  readonly state: number;
  /** Logical size in bytes. */
  readonly capacity: bigint;
  /** Bytes in use. */
  readonly allocation: bigint;
  /** Bytes free for new volumes. */
  readonly available: bigint;
}

/** Typed wrapper over the storage pool and volume procedures of one connection. */
export class StorageApi extends StorageVolumeApi {
  readonly #c: RpcCaller;

  constructor(caller: RpcCaller) {
    super(caller);
    this.#c = caller;
  }

  /** CONNECT_LIST_ALL_STORAGE_POOLS: pools matching `flags` (VIR_CONNECT_LIST_STORAGE_POOLS_*; 0 = all). */
  async listAllPools(flags = 0, opts?: CallOptions): Promise<StoragePoolRef[]> {
    return (await this.#c.call(sp.connectListAllStoragePools, { needResults: 1, flags }, opts)).pools;
  }

  /** STORAGE_POOL_LOOKUP_BY_NAME (isNoStoragePool when absent). */
  async lookupPoolByName(name: string, opts?: CallOptions): Promise<StoragePoolRef> {
    return (await this.#c.call(sp.storagePoolLookupByName, { name }, opts)).pool;
  }

  /** STORAGE_POOL_LOOKUP_BY_UUID: `uuid` as 16 bytes or the 8-4-4-4-12 string. */
  async lookupPoolByUuid(uuid: Buffer | string, opts?: CallOptions): Promise<StoragePoolRef> {
    const bytes = typeof uuid === 'string' ? parseUuid(uuid) : uuid;
    return (await this.#c.call(sp.storagePoolLookupByUuid, { uuid: bytes }, opts)).pool;
  }

  /** STORAGE_POOL_LOOKUP_BY_VOLUME: the pool holding `vol`. */
  async lookupPoolByVolume(vol: StorageVolRef, opts?: CallOptions): Promise<StoragePoolRef> {
    return (await this.#c.call(sp.storagePoolLookupByVolume, { vol }, opts)).pool;
  }

  /** STORAGE_POOL_LOOKUP_BY_TARGET_PATH: the pool whose target is `path`. */
  async lookupPoolByTargetPath(path: string, opts?: CallOptions): Promise<StoragePoolRef> {
    return (await this.#c.call(sp.storagePoolLookupByTargetPath, { path }, opts)).pool;
  }

  /** STORAGE_POOL_DEFINE_XML: define a persistent (inactive) pool; flags VALIDATE=1. */
  async definePoolXml(xml: string, flags = 0, opts?: CallOptions): Promise<StoragePoolRef> {
    return (await this.#c.call(sp.storagePoolDefineXml, { xml, flags }, opts)).pool;
  }

  /** STORAGE_POOL_CREATE_XML: create and start a transient pool; flags WITH_BUILD=1... */
  async createPoolXml(xml: string, flags = 0, opts?: CallOptions): Promise<StoragePoolRef> {
    return (await this.#c.call(sp.storagePoolCreateXml, { xml, flags }, opts)).pool;
  }

  /** STORAGE_POOL_CREATE: start a defined pool; flags WITH_BUILD=1, ..._OVERWRITE=2, ..._NO_OVERWRITE=4. */
  async createPool(pool: StoragePoolRef, flags = 0, opts?: CallOptions): Promise<void> {
    await this.#c.call(sp.storagePoolCreate, { pool, flags }, opts);
  }

  /** STORAGE_POOL_BUILD: create the pool's underlying storage (e.g. its directory); flags NO_OVERWRITE=4... */
  async buildPool(pool: StoragePoolRef, flags = 0, opts?: CallOptions): Promise<void> {
    await this.#c.call(sp.storagePoolBuild, { pool, flags }, opts);
  }

  /** STORAGE_POOL_DESTROY: stop the pool (its data stays). */
  async destroyPool(pool: StoragePoolRef, opts?: CallOptions): Promise<void> {
    await this.#c.call(sp.storagePoolDestroy, { pool }, opts);
  }

  /** STORAGE_POOL_DELETE: remove the pool's underlying storage (inactive pool; flags ZEROED=1). */
  async deletePool(pool: StoragePoolRef, flags = 0, opts?: CallOptions): Promise<void> {
    await this.#c.call(sp.storagePoolDelete, { pool, flags }, opts);
  }

  /** STORAGE_POOL_UNDEFINE: forget a persistent pool's configuration. */
  async undefinePool(pool: StoragePoolRef, opts?: CallOptions): Promise<void> {
    await this.#c.call(sp.storagePoolUndefine, { pool }, opts);
  }

  /** STORAGE_POOL_REFRESH: rescan the pool's volumes. */
  async refreshPool(pool: StoragePoolRef, flags = 0, opts?: CallOptions): Promise<void> {
    await this.#c.call(sp.storagePoolRefresh, { pool, flags }, opts);
  }

  /** STORAGE_POOL_GET_INFO: state and sizes (bytes). */
  async getPoolInfo(pool: StoragePoolRef, opts?: CallOptions): Promise<StoragePoolInfo> {
    const r = await this.#c.call(sp.storagePoolGetInfo, { pool }, opts);
    return { state: r.state, capacity: r.capacity, allocation: r.allocation, available: r.available };
  }

  /** STORAGE_POOL_GET_XML_DESC: the `<pool>` XML; flags INACTIVE=1. */
  async getPoolXmlDesc(pool: StoragePoolRef, flags = 0, opts?: CallOptions): Promise<string> {
    return (await this.#c.call(sp.storagePoolGetXmlDesc, { pool, flags }, opts)).xml;
  }

  /** STORAGE_POOL_GET_AUTOSTART. */
  async getPoolAutostart(pool: StoragePoolRef, opts?: CallOptions): Promise<boolean> {
    return (await this.#c.call(sp.storagePoolGetAutostart, { pool }, opts)).autostart !== 0;
  }

  /** STORAGE_POOL_SET_AUTOSTART (persistent pools only). */
  async setPoolAutostart(pool: StoragePoolRef, autostart: boolean, opts?: CallOptions): Promise<void> {
    await this.#c.call(sp.storagePoolSetAutostart, { pool, autostart: autostart ? 1 : 0 }, opts);
  }

  /** STORAGE_POOL_IS_ACTIVE. */
  async isPoolActive(pool: StoragePoolRef, opts?: CallOptions): Promise<boolean> {
    return (await this.#c.call(sp.storagePoolIsActive, { pool }, opts)).active !== 0;
  }

  /** STORAGE_POOL_LIST_ALL_VOLUMES: every volume of an active pool. */
  async listAllVolumes(pool: StoragePoolRef, flags = 0, opts?: CallOptions): Promise<StorageVolRef[]> {
    return (await this.#c.call(sp.storagePoolListAllVolumes, { pool, needResults: 1, flags }, opts)).vols;
  }
}
