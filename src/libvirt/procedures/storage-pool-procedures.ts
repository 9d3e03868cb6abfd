// Why: storage pools (list, find, define, start, build, stop, delete, refresh, inspect, autostart,
// list their volumes), as data. Shapes checked against libvirt's src/remote/remote_protocol.x.
import { xdr } from '../xdr/index.js';
import { RemoteProc } from '../protocol/procedures.js';
import {
  STORAGE_POOL_LIST_MAX,
  STORAGE_VOL_LIST_MAX,
  nonnullStoragePool,
  nonnullStorageVol,
  nonnullString,
  remoteUuid,
} from '../protocol/remote-types.js';
import { defineProcedure } from '../rpc/procedure-spec.js';

/** `{remote_nonnull_storage_pool pool}`. */
const poolArgs = xdr.struct({ pool: nonnullStoragePool });
/** `{remote_nonnull_storage_pool pool; unsigned int flags}`. */
const poolFlagsArgs = xdr.struct({ pool: nonnullStoragePool, flags: xdr.uint });
/** `{remote_nonnull_storage_pool pool}` as a reply. */
const poolRet = xdr.struct({ pool: nonnullStoragePool });
/** `{remote_nonnull_string xml; unsigned int flags}`. */
const xmlFlagsArgs = xdr.struct({ xml: nonnullString, flags: xdr.uint });

/** REMOTE_PROC_CONNECT_LIST_ALL_STORAGE_POOLS (281): {int need_results; u32 flags} -> {pools<16384>; u32 ret}. */
export const connectListAllStoragePools = defineProcedure({
  name: 'CONNECT_LIST_ALL_STORAGE_POOLS',
  procedure: RemoteProc.CONNECT_LIST_ALL_STORAGE_POOLS,
  args: xdr.struct({ needResults: xdr.int, flags: xdr.uint }),
  ret: xdr.struct({ pools: xdr.array(nonnullStoragePool, STORAGE_POOL_LIST_MAX), ret: xdr.uint }),
  priority: true,
});

/** REMOTE_PROC_STORAGE_POOL_LOOKUP_BY_NAME (84): {name} -> {pool}. */
export const storagePoolLookupByName = defineProcedure({
  name: 'STORAGE_POOL_LOOKUP_BY_NAME',
  procedure: RemoteProc.STORAGE_POOL_LOOKUP_BY_NAME,
  args: xdr.struct({ name: nonnullString }),
  ret: poolRet,
  priority: true,
});

/** REMOTE_PROC_STORAGE_POOL_LOOKUP_BY_UUID (85): {opaque uuid[16]} -> {pool}. */
export const storagePoolLookupByUuid = defineProcedure({
  name: 'STORAGE_POOL_LOOKUP_BY_UUID',
  procedure: RemoteProc.STORAGE_POOL_LOOKUP_BY_UUID,
  args: xdr.struct({ uuid: remoteUuid }),
  ret: poolRet,
  priority: true,
});

/** REMOTE_PROC_STORAGE_POOL_LOOKUP_BY_VOLUME (86): {vol} -> {pool}. */
export const storagePoolLookupByVolume = defineProcedure({
  name: 'STORAGE_POOL_LOOKUP_BY_VOLUME',
  procedure: RemoteProc.STORAGE_POOL_LOOKUP_BY_VOLUME,
  args: xdr.struct({ vol: nonnullStorageVol }),
  ret: poolRet,
  priority: true,
});

/** REMOTE_PROC_STORAGE_POOL_LOOKUP_BY_TARGET_PATH (391): {str path} -> {pool}. */
export const storagePoolLookupByTargetPath = defineProcedure({
  name: 'STORAGE_POOL_LOOKUP_BY_TARGET_PATH',
  procedure: RemoteProc.STORAGE_POOL_LOOKUP_BY_TARGET_PATH,
  args: xdr.struct({ path: nonnullString }),
  ret: poolRet,
  priority: true,
});

/** REMOTE_PROC_STORAGE_POOL_DEFINE_XML (77): {xml; u32 flags} -> {pool} (persistent, inactive). */
export const storagePoolDefineXml = defineProcedure({
  name: 'STORAGE_POOL_DEFINE_XML',
  procedure: RemoteProc.STORAGE_POOL_DEFINE_XML,
  args: xmlFlagsArgs,
  ret: poolRet,
  priority: true,
});

/** REMOTE_PROC_STORAGE_POOL_CREATE_XML (76): {xml; u32 flags} -> {pool} (transient, started). */
export const storagePoolCreateXml = defineProcedure({
  name: 'STORAGE_POOL_CREATE_XML',
  procedure: RemoteProc.STORAGE_POOL_CREATE_XML,
  args: xmlFlagsArgs,
  ret: poolRet,
});

/** REMOTE_PROC_STORAGE_POOL_CREATE (78): {pool; u32 flags} -> void (start a defined pool). */
export const storagePoolCreate = defineProcedure({
  name: 'STORAGE_POOL_CREATE',
  procedure: RemoteProc.STORAGE_POOL_CREATE,
  args: poolFlagsArgs,
  ret: xdr.void,
});

/** REMOTE_PROC_STORAGE_POOL_BUILD (79): {pool; u32 flags} -> void. */
export const storagePoolBuild = defineProcedure({
  name: 'STORAGE_POOL_BUILD',
  procedure: RemoteProc.STORAGE_POOL_BUILD,
  args: poolFlagsArgs,
  ret: xdr.void,
});

/** REMOTE_PROC_STORAGE_POOL_DESTROY (80): {pool} -> void (stop; data stays). */
export const storagePoolDestroy = defineProcedure({
  name: 'STORAGE_POOL_DESTROY',
  procedure: RemoteProc.STORAGE_POOL_DESTROY,
  args: poolArgs,
  ret: xdr.void,
  priority: true,
});

/** REMOTE_PROC_STORAGE_POOL_DELETE (81): {pool; u32 flags} -> void (remove the pool's storage). */
export const storagePoolDelete = defineProcedure({
  name: 'STORAGE_POOL_DELETE',
  procedure: RemoteProc.STORAGE_POOL_DELETE,
  args: poolFlagsArgs,
  ret: xdr.void,
});

/** REMOTE_PROC_STORAGE_POOL_UNDEFINE (82): {pool} -> void. */
export const storagePoolUndefine = defineProcedure({
  name: 'STORAGE_POOL_UNDEFINE',
  procedure: RemoteProc.STORAGE_POOL_UNDEFINE,
  args: poolArgs,
  ret: xdr.void,
  priority: true,
});

/** REMOTE_PROC_STORAGE_POOL_REFRESH (83): {pool; u32 flags} -> void. */
export const storagePoolRefresh = defineProcedure({
  name: 'STORAGE_POOL_REFRESH',
  procedure: RemoteProc.STORAGE_POOL_REFRESH,
  args: poolFlagsArgs,
  ret: xdr.void,
});

/** REMOTE_PROC_STORAGE_POOL_GET_INFO (87): {pool} -> {uchar state; u hyper capacity, allocation, available}. */
export const storagePoolGetInfo = defineProcedure({
  name: 'STORAGE_POOL_GET_INFO',
  procedure: RemoteProc.STORAGE_POOL_GET_INFO,
  args: poolArgs,
  ret: xdr.struct({ state: xdr.uchar, capacity: xdr.uhyper, allocation: xdr.uhyper, available: xdr.uhyper }),
  priority: true,
});

/** REMOTE_PROC_STORAGE_POOL_GET_XML_DESC (88): {pool; u32 flags} -> {xml}. */
export const storagePoolGetXmlDesc = defineProcedure({
  name: 'STORAGE_POOL_GET_XML_DESC',
  procedure: RemoteProc.STORAGE_POOL_GET_XML_DESC,
  args: poolFlagsArgs,
  ret: xdr.struct({ xml: nonnullString }),
  priority: true,
});

/** REMOTE_PROC_STORAGE_POOL_GET_AUTOSTART (89): {pool} -> {int autostart}. */
export const storagePoolGetAutostart = defineProcedure({
  name: 'STORAGE_POOL_GET_AUTOSTART',
  procedure: RemoteProc.STORAGE_POOL_GET_AUTOSTART,
  args: poolArgs,
  ret: xdr.struct({ autostart: xdr.int }),
  priority: true,
});

/** REMOTE_PROC_STORAGE_POOL_SET_AUTOSTART (90): {pool; int autostart} -> void. */
export const storagePoolSetAutostart = defineProcedure({
  name: 'STORAGE_POOL_SET_AUTOSTART',
  procedure: RemoteProc.STORAGE_POOL_SET_AUTOSTART,
  args: xdr.struct({ pool: nonnullStoragePool, autostart: xdr.int }),
  ret: xdr.void,
  priority: true,
});

/** REMOTE_PROC_STORAGE_POOL_IS_ACTIVE (154): {pool} -> {int active}. */
export const storagePoolIsActive = defineProcedure({
  name: 'STORAGE_POOL_IS_ACTIVE',
  procedure: RemoteProc.STORAGE_POOL_IS_ACTIVE,
  args: poolArgs,
  ret: xdr.struct({ active: xdr.int }),
  priority: true,
});

/** REMOTE_PROC_STORAGE_POOL_LIST_ALL_VOLUMES (282): {pool; int need_results; u32 flags} -> {vols<16384>; u32 ret}. */
export const storagePoolListAllVolumes = defineProcedure({
  name: 'STORAGE_POOL_LIST_ALL_VOLUMES',
  procedure: RemoteProc.STORAGE_POOL_LIST_ALL_VOLUMES,
  args: xdr.struct({ pool: nonnullStoragePool, needResults: xdr.int, flags: xdr.uint }),
  ret: xdr.struct({ vols: xdr.array(nonnullStorageVol, STORAGE_VOL_LIST_MAX), ret: xdr.uint }),
  priority: true,
});
