// Why: the typed face of libvirt's storage-volume procedures (create, clone, find, delete, wipe,
// resize, inspect, upload, download), in libvirt's words, with sizes as bigint bytes. StorageApi
// (storage-api.ts) extends it with the pool procedures, so callers use one `client.storage` object.
import type { Readable } from 'node:stream';
import type { CallOptions, RpcCaller } from './rpc-caller.js';
import type { RemoteStoragePool, RemoteStorageVol } from '../protocol/remote-types.js';
import * as v from '../procedures/storage-vol-procedures.js';
import {
  downloadVolume,
  uploadVolume,
  type UploadSource,
  type VolumeTransferOptions,
} from './volume-stream.js';

/** remote_nonnull_storage_pool: a pool as the protocol names it. */
export type StoragePoolRef = RemoteStoragePool;
/** remote_nonnull_storage_vol: a volume as the protocol names it (`key` is usually its path). */
export type StorageVolRef = RemoteStorageVol;

/** virStorageVolInfo. */
export interface StorageVolInfo {
  /** virStorageVolType: 0 file, 1 block, 2 dir, 3 network, 4 netdir, 5 ploop. */
  readonly type: number;
  /** Logical size in bytes. */
  readonly capacity: bigint;
  /** Bytes actually allocated on the host. */
  readonly allocation: bigint;
}

/** Typed wrapper over the storage-volume procedures of one connection. */
export class StorageVolumeApi {
  readonly #c: RpcCaller;

  constructor(caller: RpcCaller) {
    this.#c = caller;
  }

  /** STORAGE_VOL_CREATE_XML: create a volume in `pool` from `<volume>` XML; PREALLOC_METADATA=1... */
  async createVolumeXml(
    pool: StoragePoolRef,
    xml: string,
    flags = 0,
    opts?: CallOptions,
  ): Promise<StorageVolRef> {
    return (await this.#c.call(v.storageVolCreateXml, { pool, xml, flags }, opts)).vol;
  }

  /**
   * STORAGE_VOL_CREATE_XML_FROM: create a volume in `pool` whose content is copied (and converted to
   * the new volume's format) from `source`, which may live in another pool.
   */
  async createVolumeXmlFrom(
    pool: StoragePoolRef,
    xml: string,
    source: StorageVolRef,
    flags = 0,
    opts?: CallOptions,
  ): Promise<StorageVolRef> {
    return (await this.#c.call(v.storageVolCreateXmlFrom, { pool, xml, clonevol: source, flags }, opts)).vol;
  }

  /** STORAGE_VOL_LOOKUP_BY_NAME (isNoStorageVol when absent). */
  async lookupVolumeByName(pool: StoragePoolRef, name: string, opts?: CallOptions): Promise<StorageVolRef> {
    return (await this.#c.call(v.storageVolLookupByName, { pool, name }, opts)).vol;
  }

  /** STORAGE_VOL_LOOKUP_BY_KEY (the key is unique across pools). */
  async lookupVolumeByKey(key: string, opts?: CallOptions): Promise<StorageVolRef> {
    return (await this.#c.call(v.storageVolLookupByKey, { key }, opts)).vol;
  }

  /** STORAGE_VOL_LOOKUP_BY_PATH. */
  async lookupVolumeByPath(path: string, opts?: CallOptions): Promise<StorageVolRef> {
    return (await this.#c.call(v.storageVolLookupByPath, { path }, opts)).vol;
  }

  /** STORAGE_VOL_DELETE: remove the volume and its data; flags ZEROED=1, WITH_SNAPSHOTS=2. */
  async deleteVolume(vol: StorageVolRef, flags = 0, opts?: CallOptions): Promise<void> {
    await this.#c.call(v.storageVolDelete, { vol, flags }, opts);
  }

  /** STORAGE_VOL_WIPE (zeroes), or STORAGE_VOL_WIPE_PATTERN when an algorithm is given. */
  async wipeVolume(vol: StorageVolRef, algorithm?: number, flags = 0, opts?: CallOptions): Promise<void> {
    if (algorithm === undefined) await this.#c.call(v.storageVolWipe, { vol, flags }, opts);
    else await this.#c.call(v.storageVolWipePattern, { vol, algorithm, flags }, opts);
  }

  /**
   * STORAGE_VOL_RESIZE to `capacity` bytes; flags ALLOCATE=1 (allocate the new space), DELTA=2
   * (`capacity` is added), SHRINK=4 (allow making it smaller).
   */
  async resizeVolume(
    vol: StorageVolRef,
    capacity: bigint | number,
    flags = 0,
    opts?: CallOptions,
  ): Promise<void> {
    await this.#c.call(v.storageVolResize, { vol, capacity: BigInt(capacity), flags }, opts);
  }

  /** STORAGE_VOL_GET_INFO: type, capacity and allocation (bytes). */
  async getVolumeInfo(vol: StorageVolRef, opts?: CallOptions): Promise<StorageVolInfo> {
    const r = await this.#c.call(v.storageVolGetInfo, { vol }, opts);
    return { type: r.type, capacity: r.capacity, allocation: r.allocation };
  }

  /** STORAGE_VOL_GET_XML_DESC: the `<volume>` XML. */
  async getVolumeXmlDesc(vol: StorageVolRef, flags = 0, opts?: CallOptions): Promise<string> {
    return (await this.#c.call(v.storageVolGetXmlDesc, { vol, flags }, opts)).xml;
  }

  /** STORAGE_VOL_GET_PATH: the volume's path on the host. */
  async getVolumePath(vol: StorageVolRef, opts?: CallOptions): Promise<string> {
    return (await this.#c.call(v.storageVolGetPath, { vol }, opts)).name;
  }

  /**
   * STORAGE_VOL_UPLOAD: write `source` (a Readable, Buffer or async iterable) into the volume at
   * `offset`. Resolves with the bytes sent once the daemon confirmed them all.
   */
  uploadVolume(
    vol: StorageVolRef,
    source: UploadSource,
    options: VolumeTransferOptions = {},
  ): Promise<bigint> {
    return uploadVolume(this.#c, vol, source, options);
  }

  /** STORAGE_VOL_DOWNLOAD: a Readable of the volume's bytes (from `offset`, `length` or to the end). */
  downloadVolume(vol: StorageVolRef, options: VolumeTransferOptions = {}): Promise<Readable> {
    return downloadVolume(this.#c, vol, options);
  }
}
