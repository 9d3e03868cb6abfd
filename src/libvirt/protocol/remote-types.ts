// Why: a handful of object references (domain, network, pool, volume, snapshot...) and size limits
// appear in hundreds of libvirt procedures. Declaring them once, as codecs with matching TypeScript
// types, keeps every procedure shape short and consistent with remote_protocol.x.
import { xdr, type CodecType } from '../xdr/codec.js';

// Limits (REMOTE_*_MAX in remote_protocol.x; current libvirt values).
/** REMOTE_STRING_MAX: longest remote_nonnull_string (4 MiB; XML documents). */
export const REMOTE_STRING_MAX = 4194304;
/**
 * VIR_UUID_BUFLEN: bytes in a remote_uuid.
 * @public
 */
export const UUID_LEN = 16;
/** REMOTE_DOMAIN_LIST_MAX. */
export const DOMAIN_LIST_MAX = 16384;
/** REMOTE_NETWORK_LIST_MAX. */
export const NETWORK_LIST_MAX = 16384;
/**
 * REMOTE_NETWORK_PORT_LIST_MAX.
 * @public
 */
export const NETWORK_PORT_LIST_MAX = 16384;
/**
 * REMOTE_INTERFACE_LIST_MAX.
 * @public
 */
export const INTERFACE_LIST_MAX = 16384;
/** REMOTE_STORAGE_POOL_LIST_MAX. */
export const STORAGE_POOL_LIST_MAX = 16384;
/** REMOTE_STORAGE_VOL_LIST_MAX. */
export const STORAGE_VOL_LIST_MAX = 16384;
/** REMOTE_NODE_DEVICE_LIST_MAX. */
export const NODE_DEVICE_LIST_MAX = 65536;
/** REMOTE_NODE_DEVICE_CAPS_LIST_MAX. */
export const NODE_DEVICE_CAPS_LIST_MAX = 65536;
/** REMOTE_NWFILTER_LIST_MAX. */
export const NWFILTER_LIST_MAX = 16384;
/** REMOTE_NWFILTER_BINDING_LIST_MAX. */
export const NWFILTER_BINDING_LIST_MAX = 16384;
/**
 * REMOTE_SECRET_LIST_MAX.
 * @public
 */
export const SECRET_LIST_MAX = 16384;
/** REMOTE_DOMAIN_SNAPSHOT_LIST_MAX. */
export const DOMAIN_SNAPSHOT_LIST_MAX = 16384;
/** REMOTE_DOMAIN_CHECKPOINT_LIST_MAX. */
export const DOMAIN_CHECKPOINT_LIST_MAX = 16384;
/** REMOTE_DOMAIN_SCHEDULER_PARAMETERS_MAX. */
export const DOMAIN_SCHEDULER_PARAMETERS_MAX = 16;
/** REMOTE_DOMAIN_BLKIO_PARAMETERS_MAX. */
export const DOMAIN_BLKIO_PARAMETERS_MAX = 16;
/** REMOTE_DOMAIN_MEMORY_PARAMETERS_MAX. */
export const DOMAIN_MEMORY_PARAMETERS_MAX = 16;
/**
 * REMOTE_DOMAIN_BLOCK_IO_TUNE_PARAMETERS_MAX.
 * @public
 */
export const DOMAIN_BLOCK_IO_TUNE_PARAMETERS_MAX = 32;
/**
 * REMOTE_DOMAIN_NUMA_PARAMETERS_MAX.
 * @public
 */
export const DOMAIN_NUMA_PARAMETERS_MAX = 16;
/**
 * REMOTE_DOMAIN_PERF_EVENTS_MAX.
 * @public
 */
export const DOMAIN_PERF_EVENTS_MAX = 64;
/**
 * REMOTE_DOMAIN_BLOCK_STATS_PARAMETERS_MAX.
 * @public
 */
export const DOMAIN_BLOCK_STATS_PARAMETERS_MAX = 16;
/**
 * REMOTE_DOMAIN_INTERFACE_PARAMETERS_MAX.
 * @public
 */
export const DOMAIN_INTERFACE_PARAMETERS_MAX = 16;
/**
 * REMOTE_DOMAIN_MEMORY_STATS_MAX.
 * @public
 */
export const DOMAIN_MEMORY_STATS_MAX = 1024;
/** REMOTE_NODE_CPU_STATS_MAX. */
export const NODE_CPU_STATS_MAX = 16;
/** REMOTE_NODE_MEMORY_STATS_MAX. */
export const NODE_MEMORY_STATS_MAX = 16;
/** REMOTE_NODE_MAX_CELLS. */
export const NODE_MAX_CELLS = 1024;
/**
 * REMOTE_AUTH_TYPE_LIST_MAX.
 * @public
 */
export const AUTH_TYPE_LIST_MAX = 20;
/** REMOTE_MIGRATE_COOKIE_MAX (4 MiB). */
export const MIGRATE_COOKIE_MAX = 4194304;
/** REMOTE_DOMAIN_MIGRATE_PARAM_LIST_MAX. */
export const DOMAIN_MIGRATE_PARAM_LIST_MAX = 64;
/** REMOTE_DOMAIN_JOB_STATS_MAX. */
export const DOMAIN_JOB_STATS_MAX = 64;
/** REMOTE_DOMAIN_FSFREEZE_MOUNTPOINTS_MAX. */
export const DOMAIN_FSFREEZE_MOUNTPOINTS_MAX = 256;
/**
 * REMOTE_DOMAIN_FSINFO_MAX.
 * @public
 */
export const DOMAIN_FSINFO_MAX = 256;
/**
 * REMOTE_DOMAIN_FSINFO_DISKS_MAX.
 * @public
 */
export const DOMAIN_FSINFO_DISKS_MAX = 256;
/** REMOTE_NETWORK_DHCP_LEASES_MAX. */
export const NETWORK_DHCP_LEASES_MAX = 65536;
/** REMOTE_CONNECT_GET_ALL_DOMAIN_STATS_MAX. */
export const CONNECT_GET_ALL_DOMAIN_STATS_MAX = 262144;
/** REMOTE_DOMAIN_EVENT_TUNABLE_MAX. */
export const DOMAIN_EVENT_TUNABLE_MAX = 2048;
/** REMOTE_DOMAIN_INTERFACE_MAX. */
export const DOMAIN_INTERFACE_MAX = 2048;
/** REMOTE_DOMAIN_IP_ADDR_MAX. */
export const DOMAIN_IP_ADDR_MAX = 2048;
/**
 * REMOTE_DOMAIN_GUEST_INFO_PARAMS_MAX.
 * @public
 */
export const DOMAIN_GUEST_INFO_PARAMS_MAX = 2048;
/**
 * REMOTE_DOMAIN_AUTHORIZED_SSH_KEYS_MAX.
 * @public
 */
export const DOMAIN_AUTHORIZED_SSH_KEYS_MAX = 2048;
/**
 * REMOTE_DOMAIN_MESSAGES_MAX.
 * @public
 */
export const DOMAIN_MESSAGES_MAX = 2048;
/**
 * REMOTE_DOMAIN_SAVE_PARAMS_MAX.
 * @public
 */
export const DOMAIN_SAVE_PARAMS_MAX = 64;
/**
 * REMOTE_DOMAIN_DISK_ERRORS_MAX.
 * @public
 */
export const DOMAIN_DISK_ERRORS_MAX = 256;
/**
 * REMOTE_CONNECT_CPU_MODELS_MAX.
 * @public
 */
export const CONNECT_CPU_MODELS_MAX = 8192;
/**
 * REMOTE_SECRET_VALUE_MAX.
 * @public
 */
export const SECRET_VALUE_MAX = 65536;
/** REMOTE_SECURITY_MODEL_MAX (VIR_SECURITY_MODEL_BUFLEN = 256 + 1). */
export const SECURITY_MODEL_MAX = 257;
/** REMOTE_SECURITY_DOI_MAX (VIR_SECURITY_DOI_BUFLEN = 256 + 1). */
export const SECURITY_DOI_MAX = 257;

/** remote_nonnull_string. */
export const nonnullString = xdr.string(REMOTE_STRING_MAX);
/** remote_string: a string that may be null. */
export const remoteString = xdr.optional(nonnullString);
/** remote_uuid: 16 raw bytes. */
export const remoteUuid = xdr.opaqueFixed(UUID_LEN);

/** remote_nonnull_domain `{name; uuid; id}` (id -1 while inactive). */
export const nonnullDomain = xdr.struct({ name: nonnullString, uuid: remoteUuid, id: xdr.int });
/** remote_nonnull_network `{name; uuid}`. */
export const nonnullNetwork = xdr.struct({ name: nonnullString, uuid: remoteUuid });
/**
 * remote_nonnull_network_port `{net; uuid}`.
 * @public
 */
export const nonnullNetworkPort = xdr.struct({ net: nonnullNetwork, uuid: remoteUuid });
/** remote_nonnull_nwfilter `{name; uuid}`. */
export const nonnullNwfilter = xdr.struct({ name: nonnullString, uuid: remoteUuid });
/** remote_nonnull_nwfilter_binding `{portdev; filtername}`. */
export const nonnullNwfilterBinding = xdr.struct({ portdev: nonnullString, filtername: nonnullString });
/**
 * remote_nonnull_interface `{name; mac}`.
 * @public
 */
export const nonnullInterface = xdr.struct({ name: nonnullString, mac: nonnullString });
/** remote_nonnull_storage_pool `{name; uuid}`. */
export const nonnullStoragePool = xdr.struct({ name: nonnullString, uuid: remoteUuid });
/** remote_nonnull_storage_vol `{pool; name; key}`. */
export const nonnullStorageVol = xdr.struct({ pool: nonnullString, name: nonnullString, key: nonnullString });
/** remote_nonnull_node_device `{name}`. */
export const nonnullNodeDevice = xdr.struct({ name: nonnullString });
/**
 * remote_nonnull_secret `{uuid; usageType; usageID}`.
 * @public
 */
export const nonnullSecret = xdr.struct({ uuid: remoteUuid, usageType: xdr.int, usageID: nonnullString });
/** remote_nonnull_domain_snapshot `{name; dom}`. */
export const nonnullDomainSnapshot = xdr.struct({ name: nonnullString, dom: nonnullDomain });
/** remote_nonnull_domain_checkpoint `{name; dom}`. */
export const nonnullDomainCheckpoint = xdr.struct({ name: nonnullString, dom: nonnullDomain });

/** remote_domain: optional domain. */
export const remoteDomain = xdr.optional(nonnullDomain);
/** remote_network: optional network. */
export const remoteNetwork = xdr.optional(nonnullNetwork);
/**
 * remote_nwfilter: optional nwfilter.
 * @public
 */
export const remoteNwfilter = xdr.optional(nonnullNwfilter);
/**
 * remote_storage_pool: optional pool.
 * @public
 */
export const remoteStoragePool = xdr.optional(nonnullStoragePool);
/**
 * remote_storage_vol: optional volume.
 * @public
 */
export const remoteStorageVol = xdr.optional(nonnullStorageVol);
/**
 * remote_node_device: optional node device.
 * @public
 */
export const remoteNodeDevice = xdr.optional(nonnullNodeDevice);

/**
 * The same codecs under remote_protocol.x's own names (remote_nonnull_domain -> remoteNonnullDomain).
 * @public
 */
export {
  nonnullDomain as remoteNonnullDomain,
  nonnullNetwork as remoteNonnullNetwork,
  nonnullNwfilter as remoteNonnullNwfilter,
  nonnullNwfilterBinding as remoteNonnullNwfilterBinding,
  nonnullStoragePool as remoteNonnullStoragePool,
  nonnullStorageVol as remoteNonnullStorageVol,
  nonnullNodeDevice as remoteNonnullNodeDevice,
  nonnullDomainSnapshot as remoteNonnullDomainSnapshot,
  nonnullDomainCheckpoint as remoteNonnullDomainCheckpoint,
  nonnullString as remoteNonnullString,
};

/** A domain reference as decoded (uuid is a 16-byte Buffer). */
export type RemoteDomain = CodecType<typeof nonnullDomain>;
/** A network reference. */
export type RemoteNetwork = CodecType<typeof nonnullNetwork>;
/**
 * A network port reference.
 * @public
 */
export type RemoteNetworkPort = CodecType<typeof nonnullNetworkPort>;
/** An nwfilter reference. */
export type RemoteNwfilter = CodecType<typeof nonnullNwfilter>;
/** An nwfilter binding reference. */
export type RemoteNwfilterBinding = CodecType<typeof nonnullNwfilterBinding>;
/**
 * A host interface reference.
 * @public
 */
export type RemoteInterface = CodecType<typeof nonnullInterface>;
/** A storage pool reference. */
export type RemoteStoragePool = CodecType<typeof nonnullStoragePool>;
/** A storage volume reference. */
export type RemoteStorageVol = CodecType<typeof nonnullStorageVol>;
/** A node device reference. */
export type RemoteNodeDevice = CodecType<typeof nonnullNodeDevice>;
/**
 * A secret reference.
 * @public
 */
export type RemoteSecret = CodecType<typeof nonnullSecret>;
/** A snapshot reference. */
export type RemoteDomainSnapshot = CodecType<typeof nonnullDomainSnapshot>;
/** A checkpoint reference. */
export type RemoteDomainCheckpoint = CodecType<typeof nonnullDomainCheckpoint>;
