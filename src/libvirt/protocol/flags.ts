// Why: libvirt's flags and enums are plain numbers on the wire. Naming them once, with libvirt's own
// names (VIR_DOMAIN_UNDEFINE_NVRAM -> DomainUndefineFlags.NVRAM), keeps magic numbers out of callers.
// Values from libvirt's public headers (libvirt-domain.h, libvirt-storage.h, libvirt-network.h,
// libvirt-nodedev.h, libvirt-host.h, libvirt-domain-snapshot.h, libvirt-domain-checkpoint.h).

// ---- connection ------------------------------------------------------------------------------------

/**
 * virConnectFlags (VIR_CONNECT_*), for CONNECT_OPEN.
 * @public
 */
export const ConnectFlags = { RO: 1, NO_ALIASES: 2 } as const;

/**
 * virConnectCloseReason (VIR_CONNECT_CLOSE_REASON_*), in CONNECT_EVENT_CONNECTION_CLOSED.
 * @public
 */
export const ConnectCloseReason = { ERROR: 0, EOF: 1, KEEPALIVE: 2, CLIENT: 3 } as const;

/**
 * virTypedParameterFlags: STRING_OKAY lets get-parameter calls return string params.
 * @public
 */
export const TypedParameterFlags = { STRING_OKAY: 4 } as const;

/**
 * virConnectGetDomainCapabilitiesFlags.
 * @public
 */
export const ConnectGetDomainCapabilitiesFlags = { DISABLE_DEPRECATED_FEATURES: 1 } as const;

/**
 * VIR_NODE_CPU_STATS_ALL_CPUS / VIR_NODE_MEMORY_STATS_ALL_CELLS: "all" for node stats calls.
 * @public
 */
export const NodeStatsAll = { CPUS: -1, CELLS: -1 } as const;

// ---- listing ---------------------------------------------------------------------------------------

/** virConnectListAllDomainsFlags (VIR_CONNECT_LIST_DOMAINS_*). */
export const ConnectListDomainsFlags = {
  ACTIVE: 1,
  INACTIVE: 2,
  PERSISTENT: 4,
  TRANSIENT: 8,
  RUNNING: 16,
  PAUSED: 32,
  SHUTOFF: 64,
  OTHER: 128,
  MANAGEDSAVE: 256,
  NO_MANAGEDSAVE: 512,
  AUTOSTART: 1024,
  NO_AUTOSTART: 2048,
  HAS_SNAPSHOT: 4096,
  NO_SNAPSHOT: 8192,
  HAS_CHECKPOINT: 16384,
  NO_CHECKPOINT: 32768,
} as const;

/** virDomainStatsTypes (VIR_DOMAIN_STATS_*): the `stats` mask of CONNECT_GET_ALL_DOMAIN_STATS. */
export const DomainStatsTypes = {
  STATE: 1,
  CPU_TOTAL: 2,
  BALLOON: 4,
  VCPU: 8,
  INTERFACE: 16,
  BLOCK: 32,
  PERF: 64,
  IOTHREAD: 128,
  MEMORY: 256,
  DIRTYRATE: 512,
  VM: 1024,
} as const;

/** virConnectGetAllDomainStatsFlags (VIR_CONNECT_GET_ALL_DOMAINS_STATS_*). */
export const GetAllDomainsStatsFlags = {
  ACTIVE: 1,
  INACTIVE: 2,
  PERSISTENT: 4,
  TRANSIENT: 8,
  RUNNING: 16,
  PAUSED: 32,
  SHUTOFF: 64,
  OTHER: 128,
  NOWAIT: 0x20000000,
  BACKING: 0x40000000,
  ENFORCE_STATS: 0x80000000,
} as const;

/**
 * virConnectListAllStoragePoolsFlags (VIR_CONNECT_LIST_STORAGE_POOLS_*).
 * @public
 */
export const ConnectListStoragePoolsFlags = {
  INACTIVE: 1,
  ACTIVE: 2,
  PERSISTENT: 4,
  TRANSIENT: 8,
  AUTOSTART: 16,
  NO_AUTOSTART: 32,
  DIR: 64,
  FS: 128,
  NETFS: 256,
  LOGICAL: 512,
  DISK: 1024,
  ISCSI: 2048,
  SCSI: 4096,
  MPATH: 8192,
  RBD: 16384,
  SHEEPDOG: 32768,
  GLUSTER: 65536,
  ZFS: 131072,
  VSTORAGE: 262144,
  ISCSI_DIRECT: 524288,
} as const;

/**
 * virConnectListAllNetworksFlags (VIR_CONNECT_LIST_NETWORKS_*).
 * @public
 */
export const ConnectListNetworksFlags = {
  INACTIVE: 1,
  ACTIVE: 2,
  PERSISTENT: 4,
  TRANSIENT: 8,
  AUTOSTART: 16,
  NO_AUTOSTART: 32,
} as const;

/** virConnectListAllNodeDeviceFlags (VIR_CONNECT_LIST_NODE_DEVICES_*). */
export const ConnectListNodeDevicesFlags = {
  CAP_SYSTEM: 1,
  CAP_PCI_DEV: 2,
  CAP_USB_DEV: 4,
  CAP_USB_INTERFACE: 8,
  CAP_NET: 16,
  CAP_SCSI_HOST: 32,
  CAP_SCSI_TARGET: 64,
  CAP_SCSI: 128,
  CAP_STORAGE: 256,
  CAP_FC_HOST: 512,
  CAP_VPORTS: 1024,
  CAP_SCSI_GENERIC: 2048,
  CAP_DRM: 4096,
  CAP_MDEV_TYPES: 8192,
  CAP_MDEV: 16384,
  CAP_CCW_DEV: 32768,
  CAP_CSS_DEV: 65536,
  CAP_VDPA: 131072,
  CAP_AP_CARD: 262144,
  CAP_AP_QUEUE: 524288,
  CAP_AP_MATRIX: 1048576,
  CAP_VPD: 2097152,
  CAP_CCWGROUP_DEV: 4194304,
  CAP_CCWGROUP_MEMBER: 8388608,
  PERSISTENT: 0x10000000,
  TRANSIENT: 0x20000000,
  INACTIVE: 0x40000000,
  ACTIVE: 0x80000000,
} as const;

// ---- domain state ----------------------------------------------------------------------------------

/**
 * virDomainState (VIR_DOMAIN_*), from DOMAIN_GET_STATE / GET_INFO / stats `state.state`.
 * @public
 */
export const DomainState = {
  NOSTATE: 0,
  RUNNING: 1,
  BLOCKED: 2,
  PAUSED: 3,
  SHUTDOWN: 4,
  SHUTOFF: 5,
  CRASHED: 6,
  PMSUSPENDED: 7,
} as const;

/**
 * virDomainNostateReason.
 * @public
 */
export const DomainNostateReason = { UNKNOWN: 0 } as const;
/**
 * virDomainRunningReason (VIR_DOMAIN_RUNNING_*).
 * @public
 */
export const DomainRunningReason = {
  UNKNOWN: 0,
  BOOTED: 1,
  MIGRATED: 2,
  RESTORED: 3,
  FROM_SNAPSHOT: 4,
  UNPAUSED: 5,
  MIGRATION_CANCELED: 6,
  SAVE_CANCELED: 7,
  WAKEUP: 8,
  CRASHED: 9,
  POSTCOPY: 10,
  POSTCOPY_FAILED: 11,
} as const;
/**
 * virDomainBlockedReason.
 * @public
 */
export const DomainBlockedReason = { UNKNOWN: 0 } as const;
/**
 * virDomainPausedReason (VIR_DOMAIN_PAUSED_*).
 * @public
 */
export const DomainPausedReason = {
  UNKNOWN: 0,
  USER: 1,
  MIGRATION: 2,
  SAVE: 3,
  DUMP: 4,
  IOERROR: 5,
  WATCHDOG: 6,
  FROM_SNAPSHOT: 7,
  SHUTTING_DOWN: 8,
  SNAPSHOT: 9,
  CRASHED: 10,
  STARTING_UP: 11,
  POSTCOPY: 12,
  POSTCOPY_FAILED: 13,
  API_ERROR: 14,
} as const;
/**
 * virDomainShutdownReason (VIR_DOMAIN_SHUTDOWN_*; a state reason, not the shutdown flags).
 * @public
 */
export const DomainShutdownReason = { UNKNOWN: 0, USER: 1 } as const;
/**
 * virDomainShutoffReason (VIR_DOMAIN_SHUTOFF_*).
 * @public
 */
export const DomainShutoffReason = {
  UNKNOWN: 0,
  SHUTDOWN: 1,
  DESTROYED: 2,
  CRASHED: 3,
  MIGRATED: 4,
  SAVED: 5,
  FAILED: 6,
  FROM_SNAPSHOT: 7,
  DAEMON: 8,
} as const;
/**
 * virDomainCrashedReason.
 * @public
 */
export const DomainCrashedReason = { UNKNOWN: 0, PANICKED: 1 } as const;
/**
 * virDomainPMSuspendedReason.
 * @public
 */
export const DomainPMSuspendedReason = { UNKNOWN: 0 } as const;

// ---- lifecycle events ------------------------------------------------------------------------------

/**
 * virDomainEventType (VIR_DOMAIN_EVENT_*): `event` of a lifecycle event.
 * @public
 */
export const DomainEventType = {
  DEFINED: 0,
  UNDEFINED: 1,
  STARTED: 2,
  SUSPENDED: 3,
  RESUMED: 4,
  STOPPED: 5,
  SHUTDOWN: 6,
  PMSUSPENDED: 7,
  CRASHED: 8,
} as const;
/**
 * virDomainEventDefinedDetailType.
 * @public
 */
export const DomainEventDefinedDetail = { ADDED: 0, UPDATED: 1, RENAMED: 2, FROM_SNAPSHOT: 3 } as const;
/**
 * virDomainEventUndefinedDetailType.
 * @public
 */
export const DomainEventUndefinedDetail = { REMOVED: 0, RENAMED: 1 } as const;
/**
 * virDomainEventStartedDetailType.
 * @public
 */
export const DomainEventStartedDetail = {
  BOOTED: 0,
  MIGRATED: 1,
  RESTORED: 2,
  FROM_SNAPSHOT: 3,
  WAKEUP: 4,
  RECREATED: 5,
} as const;
/**
 * virDomainEventSuspendedDetailType.
 * @public
 */
export const DomainEventSuspendedDetail = {
  PAUSED: 0,
  MIGRATED: 1,
  IOERROR: 2,
  WATCHDOG: 3,
  RESTORED: 4,
  FROM_SNAPSHOT: 5,
  API_ERROR: 6,
  POSTCOPY: 7,
  POSTCOPY_FAILED: 8,
} as const;
/**
 * virDomainEventResumedDetailType.
 * @public
 */
export const DomainEventResumedDetail = {
  UNPAUSED: 0,
  MIGRATED: 1,
  FROM_SNAPSHOT: 2,
  POSTCOPY: 3,
  POSTCOPY_FAILED: 4,
} as const;
/**
 * virDomainEventStoppedDetailType.
 * @public
 */
export const DomainEventStoppedDetail = {
  SHUTDOWN: 0,
  DESTROYED: 1,
  CRASHED: 2,
  MIGRATED: 3,
  SAVED: 4,
  FAILED: 5,
  FROM_SNAPSHOT: 6,
  RECREATED: 7,
} as const;
/**
 * virDomainEventShutdownDetailType.
 * @public
 */
export const DomainEventShutdownDetail = { FINISHED: 0, GUEST: 1, HOST: 2 } as const;
/**
 * virDomainEventPMSuspendedDetailType.
 * @public
 */
export const DomainEventPMSuspendedDetail = { MEMORY: 0, DISK: 1 } as const;
/**
 * virDomainEventCrashedDetailType.
 * @public
 */
export const DomainEventCrashedDetail = { PANICKED: 0, CRASHLOADED: 1 } as const;

/**
 * virDomainEventWatchdogAction.
 * @public
 */
export const DomainEventWatchdogAction = {
  NONE: 0,
  PAUSE: 1,
  RESET: 2,
  POWEROFF: 3,
  SHUTDOWN: 4,
  DEBUG: 5,
  INJECTNMI: 6,
} as const;
/**
 * virDomainEventIOErrorAction.
 * @public
 */
export const DomainEventIOErrorAction = { NONE: 0, PAUSE: 1, REPORT: 2 } as const;
/**
 * virConnectDomainEventBlockJobStatus (VIR_DOMAIN_BLOCK_JOB_*).
 * @public
 */
export const DomainBlockJobStatus = { COMPLETED: 0, FAILED: 1, CANCELED: 2, READY: 3 } as const;
/**
 * virDomainBlockJobType (VIR_DOMAIN_BLOCK_JOB_TYPE_*).
 * @public
 */
export const DomainBlockJobType = {
  UNKNOWN: 0,
  PULL: 1,
  COPY: 2,
  COMMIT: 3,
  ACTIVE_COMMIT: 4,
  BACKUP: 5,
} as const;
/**
 * virConnectDomainEventDiskChangeReason.
 * @public
 */
export const DomainEventDiskChangeReason = { MISSING_ON_START: 0, DROP_MISSING_ON_START: 1 } as const;
/**
 * virDomainEventTrayChangeReason.
 * @public
 */
export const DomainEventTrayChangeReason = { OPEN: 0, CLOSE: 1 } as const;
/**
 * virConnectDomainEventAgentLifecycleState.
 * @public
 */
export const DomainEventAgentLifecycleState = { CONNECTED: 1, DISCONNECTED: 2 } as const;
/**
 * virConnectDomainEventAgentLifecycleReason.
 * @public
 */
export const DomainEventAgentLifecycleReason = { UNKNOWN: 0, DOMAIN_STARTED: 1, CHANNEL: 2 } as const;
/**
 * virNetworkEventLifecycleType.
 * @public
 */
export const NetworkEventLifecycleType = { DEFINED: 0, UNDEFINED: 1, STARTED: 2, STOPPED: 3 } as const;
/**
 * virStoragePoolEventLifecycleType.
 * @public
 */
export const StoragePoolEventLifecycleType = {
  DEFINED: 0,
  UNDEFINED: 1,
  STARTED: 2,
  STOPPED: 3,
  CREATED: 4,
  DELETED: 5,
} as const;

// ---- domain lifecycle calls ------------------------------------------------------------------------

/**
 * virDomainModificationImpact (VIR_DOMAIN_AFFECT_*).
 * @public
 */
export const DomainAffectFlags = { CURRENT: 0, LIVE: 1, CONFIG: 2 } as const;
/**
 * virDomainDeviceModifyFlags (VIR_DOMAIN_DEVICE_MODIFY_*) for attach/detach/update device.
 * @public
 */
export const DomainDeviceModifyFlags = { CURRENT: 0, LIVE: 1, CONFIG: 2, FORCE: 4 } as const;
/**
 * virDomainMemoryModFlags (VIR_DOMAIN_MEM_*) for SET_MEMORY_FLAGS.
 * @public
 */
export const DomainMemoryModFlags = { CURRENT: 0, LIVE: 1, CONFIG: 2, MAXIMUM: 4 } as const;
/**
 * virDomainVcpuFlags (VIR_DOMAIN_VCPU_*) for SET/GET_VCPUS_FLAGS.
 * @public
 */
export const DomainVcpuFlags = {
  CURRENT: 0,
  LIVE: 1,
  CONFIG: 2,
  MAXIMUM: 4,
  GUEST: 8,
  HOTPLUGGABLE: 16,
} as const;
/**
 * virDomainDefineFlags (VIR_DOMAIN_DEFINE_*).
 * @public
 */
export const DomainDefineFlags = { VALIDATE: 1 } as const;
/**
 * virDomainCreateFlags (VIR_DOMAIN_*), for CREATE_WITH_FLAGS and CREATE_XML.
 * @public
 */
export const DomainCreateFlags = {
  NONE: 0,
  START_PAUSED: 1,
  START_AUTODESTROY: 2,
  START_BYPASS_CACHE: 4,
  START_FORCE_BOOT: 8,
  START_VALIDATE: 16,
  START_RESET_NVRAM: 32,
} as const;
/** virDomainUndefineFlagsValues (VIR_DOMAIN_UNDEFINE_*). */
export const DomainUndefineFlags = {
  MANAGED_SAVE: 1,
  SNAPSHOTS_METADATA: 2,
  NVRAM: 4,
  KEEP_NVRAM: 8,
  CHECKPOINTS_METADATA: 16,
  TPM: 32,
  KEEP_TPM: 64,
} as const;
/**
 * virDomainShutdownFlagValues (VIR_DOMAIN_SHUTDOWN_*).
 * @public
 */
export const DomainShutdownFlags = {
  DEFAULT: 0,
  ACPI_POWER_BTN: 1,
  GUEST_AGENT: 2,
  INITCTL: 4,
  SIGNAL: 8,
  PARAVIRT: 16,
} as const;
/**
 * virDomainRebootFlagValues (VIR_DOMAIN_REBOOT_*).
 * @public
 */
export const DomainRebootFlags = {
  DEFAULT: 0,
  ACPI_POWER_BTN: 1,
  GUEST_AGENT: 2,
  INITCTL: 4,
  SIGNAL: 8,
  PARAVIRT: 16,
} as const;
/**
 * virDomainDestroyFlagsValues (VIR_DOMAIN_DESTROY_*).
 * @public
 */
export const DomainDestroyFlags = { DEFAULT: 0, GRACEFUL: 1, REMOVE_LOGS: 2 } as const;
/**
 * virDomainSaveRestoreFlags (VIR_DOMAIN_SAVE_*), also for MANAGED_SAVE.
 * @public
 */
export const DomainSaveRestoreFlags = { BYPASS_CACHE: 1, RUNNING: 2, PAUSED: 4, RESET_NVRAM: 8 } as const;
/**
 * virDomainXMLFlags (VIR_DOMAIN_XML_*) for GET_XML_DESC.
 * @public
 */
export const DomainXMLFlags = { SECURE: 1, INACTIVE: 2, UPDATE_CPU: 4, MIGRATABLE: 8 } as const;
/**
 * virDomainMetadataType (VIR_DOMAIN_METADATA_*).
 * @public
 */
export const DomainMetadataType = { DESCRIPTION: 0, TITLE: 1, ELEMENT: 2 } as const;
/**
 * virDomainBlockResizeFlags (VIR_DOMAIN_BLOCK_RESIZE_*).
 * @public
 */
export const DomainBlockResizeFlags = { BYTES: 1, CAPACITY: 2 } as const;
/**
 * virDomainGetHostnameFlags (VIR_DOMAIN_GET_HOSTNAME_*).
 * @public
 */
export const DomainGetHostnameFlags = { LEASE: 1, AGENT: 2 } as const;
/**
 * virDomainInterfaceAddressesSource (VIR_DOMAIN_INTERFACE_ADDRESSES_SRC_*).
 * @public
 */
export const DomainInterfaceAddressesSource = { LEASE: 0, AGENT: 1, ARP: 2 } as const;
/**
 * virIPAddrType (VIR_IP_ADDR_TYPE_*).
 * @public
 */
export const IPAddrType = { IPV4: 0, IPV6: 1 } as const;
/** virDomainConsoleFlags (VIR_DOMAIN_CONSOLE_*). */
export const DomainConsoleFlags = { FORCE: 1, SAFE: 2 } as const;
/** virDomainChannelFlags (VIR_DOMAIN_CHANNEL_*). */
export const DomainChannelFlags = { FORCE: 1 } as const;

// ---- snapshots, checkpoints, backup, jobs ----------------------------------------------------------

/** virDomainSnapshotCreateFlags (VIR_DOMAIN_SNAPSHOT_CREATE_*). */
export const DomainSnapshotCreateFlags = {
  REDEFINE: 1,
  CURRENT: 2,
  NO_METADATA: 4,
  HALT: 8,
  DISK_ONLY: 16,
  REUSE_EXT: 32,
  QUIESCE: 64,
  ATOMIC: 128,
  LIVE: 256,
  VALIDATE: 512,
} as const;
/**
 * virDomainSnapshotListFlags (VIR_DOMAIN_SNAPSHOT_LIST_*; ROOTS and DESCENDANTS share 1).
 * @public
 */
export const DomainSnapshotListFlags = {
  ROOTS: 1,
  DESCENDANTS: 1,
  METADATA: 2,
  LEAVES: 4,
  NO_LEAVES: 8,
  NO_METADATA: 16,
  INACTIVE: 32,
  ACTIVE: 64,
  DISK_ONLY: 128,
  INTERNAL: 256,
  EXTERNAL: 512,
  TOPOLOGICAL: 1024,
} as const;
/**
 * virDomainSnapshotRevertFlags (VIR_DOMAIN_SNAPSHOT_REVERT_*).
 * @public
 */
export const DomainSnapshotRevertFlags = { RUNNING: 1, PAUSED: 2, FORCE: 4, RESET_NVRAM: 8 } as const;
/**
 * virDomainSnapshotDeleteFlags (VIR_DOMAIN_SNAPSHOT_DELETE_*).
 * @public
 */
export const DomainSnapshotDeleteFlags = { CHILDREN: 1, METADATA_ONLY: 2, CHILDREN_ONLY: 4 } as const;
/**
 * virDomainSnapshotXMLFlags (VIR_DOMAIN_SNAPSHOT_XML_*).
 * @public
 */
export const DomainSnapshotXMLFlags = { SECURE: 1 } as const;

/**
 * virDomainCheckpointCreateFlags (VIR_DOMAIN_CHECKPOINT_CREATE_*).
 * @public
 */
export const DomainCheckpointCreateFlags = { REDEFINE: 1, QUIESCE: 2, REDEFINE_VALIDATE: 4 } as const;
/**
 * virDomainCheckpointListFlags (VIR_DOMAIN_CHECKPOINT_LIST_*; ROOTS and DESCENDANTS share 1).
 * @public
 */
export const DomainCheckpointListFlags = {
  ROOTS: 1,
  DESCENDANTS: 1,
  TOPOLOGICAL: 2,
  LEAVES: 4,
  NO_LEAVES: 8,
} as const;
/**
 * virDomainCheckpointDeleteFlags (VIR_DOMAIN_CHECKPOINT_DELETE_*).
 * @public
 */
export const DomainCheckpointDeleteFlags = { CHILDREN: 1, METADATA_ONLY: 2, CHILDREN_ONLY: 4 } as const;
/**
 * virDomainCheckpointXMLFlags (VIR_DOMAIN_CHECKPOINT_XML_*).
 * @public
 */
export const DomainCheckpointXMLFlags = { SECURE: 1, NO_DOMAIN: 2, SIZE: 4 } as const;

/**
 * virDomainBackupBeginFlags (VIR_DOMAIN_BACKUP_BEGIN_*).
 * @public
 */
export const DomainBackupBeginFlags = { REUSE_EXTERNAL: 1 } as const;

/**
 * virDomainJobType (VIR_DOMAIN_JOB_*): `type` of GET_JOB_INFO / GET_JOB_STATS.
 * @public
 */
export const DomainJobType = {
  NONE: 0,
  BOUNDED: 1,
  UNBOUNDED: 2,
  COMPLETED: 3,
  FAILED: 4,
  CANCELLED: 5,
} as const;
/**
 * virDomainGetJobStatsFlags (VIR_DOMAIN_JOB_STATS_*).
 * @public
 */
export const DomainGetJobStatsFlags = { COMPLETED: 1, KEEP_COMPLETED: 2 } as const;
/**
 * virDomainAbortJobFlagsValues (VIR_DOMAIN_ABORT_JOB_*).
 * @public
 */
export const DomainAbortJobFlags = { POSTCOPY: 1 } as const;
/**
 * virDomainJobOperation (VIR_DOMAIN_JOB_OPERATION_*): the `operation` job-stats field.
 * @public
 */
export const DomainJobOperation = {
  UNKNOWN: 0,
  START: 1,
  SAVE: 2,
  RESTORE: 3,
  MIGRATION_IN: 4,
  MIGRATION_OUT: 5,
  SNAPSHOT: 6,
  SNAPSHOT_REVERT: 7,
  DUMP: 8,
  BACKUP: 9,
  SNAPSHOT_DELETE: 10,
} as const;

// ---- migration -------------------------------------------------------------------------------------

/** virDomainMigrateFlags (VIR_MIGRATE_*). */
export const DomainMigrateFlags = {
  LIVE: 1,
  PEER2PEER: 2,
  TUNNELLED: 4,
  PERSIST_DEST: 8,
  UNDEFINE_SOURCE: 16,
  PAUSED: 32,
  NON_SHARED_DISK: 64,
  NON_SHARED_INC: 128,
  CHANGE_PROTECTION: 256,
  UNSAFE: 512,
  OFFLINE: 1024,
  COMPRESSED: 2048,
  ABORT_ON_ERROR: 4096,
  AUTO_CONVERGE: 8192,
  RDMA_PIN_ALL: 16384,
  POSTCOPY: 32768,
  TLS: 65536,
  PARALLEL: 131072,
  NON_SHARED_SYNCHRONOUS_WRITES: 262144,
  POSTCOPY_RESUME: 524288,
  ZEROCOPY: 1048576,
} as const;

// ---- storage ---------------------------------------------------------------------------------------

/**
 * virStoragePoolState (VIR_STORAGE_POOL_*).
 * @public
 */
export const StoragePoolState = {
  INACTIVE: 0,
  BUILDING: 1,
  RUNNING: 2,
  DEGRADED: 3,
  INACCESSIBLE: 4,
} as const;
/**
 * virStoragePoolBuildFlags (VIR_STORAGE_POOL_BUILD_*).
 * @public
 */
export const StoragePoolBuildFlags = { NEW: 0, REPAIR: 1, RESIZE: 2, NO_OVERWRITE: 4, OVERWRITE: 8 } as const;
/**
 * virStoragePoolCreateFlags (VIR_STORAGE_POOL_CREATE_*).
 * @public
 */
export const StoragePoolCreateFlags = {
  NORMAL: 0,
  WITH_BUILD: 1,
  WITH_BUILD_OVERWRITE: 2,
  WITH_BUILD_NO_OVERWRITE: 4,
} as const;
/**
 * virStoragePoolDeleteFlags (VIR_STORAGE_POOL_DELETE_*).
 * @public
 */
export const StoragePoolDeleteFlags = { NORMAL: 0, ZEROED: 1 } as const;
/**
 * virStoragePoolDefineFlags (VIR_STORAGE_POOL_DEFINE_*).
 * @public
 */
export const StoragePoolDefineFlags = { VALIDATE: 1 } as const;
/**
 * virStorageXMLFlags (VIR_STORAGE_XML_*).
 * @public
 */
export const StorageXMLFlags = { INACTIVE: 1 } as const;
/**
 * virStorageVolType (VIR_STORAGE_VOL_*): `type` of STORAGE_VOL_GET_INFO.
 * @public
 */
export const StorageVolType = { FILE: 0, BLOCK: 1, DIR: 2, NETWORK: 3, NETDIR: 4, PLOOP: 5 } as const;
/** virStorageVolCreateFlags (VIR_STORAGE_VOL_CREATE_*). */
export const StorageVolCreateFlags = { PREALLOC_METADATA: 1, REFLINK: 2, VALIDATE: 4 } as const;
/**
 * virStorageVolDeleteFlags (VIR_STORAGE_VOL_DELETE_*).
 * @public
 */
export const StorageVolDeleteFlags = { NORMAL: 0, ZEROED: 1, WITH_SNAPSHOTS: 2 } as const;
/** virStorageVolResizeFlags (VIR_STORAGE_VOL_RESIZE_*). */
export const StorageVolResizeFlags = { ALLOCATE: 1, DELTA: 2, SHRINK: 4 } as const;
/**
 * virStorageVolWipeAlgorithm (VIR_STORAGE_VOL_WIPE_ALG_*).
 * @public
 */
export const StorageVolWipeAlgorithm = {
  ZERO: 0,
  NNSA: 1,
  DOD: 2,
  BSI: 3,
  GUTMANN: 4,
  SCHNEIER: 5,
  PFITZNER7: 6,
  PFITZNER33: 7,
  RANDOM: 8,
  TRIM: 9,
} as const;
/**
 * virStorageVolDownloadFlags / virStorageVolUploadFlags: SPARSE_STREAM (not used in v1).
 * @public
 */
export const StorageVolTransferFlags = { SPARSE_STREAM: 1 } as const;

// ---- networks, node devices ------------------------------------------------------------------------

/**
 * virNetworkXMLFlags (VIR_NETWORK_XML_*).
 * @public
 */
export const NetworkXMLFlags = { INACTIVE: 1 } as const;
/** virNetworkUpdateFlags (VIR_NETWORK_UPDATE_AFFECT_*). */
export const NetworkUpdateFlags = { AFFECT_CURRENT: 0, AFFECT_LIVE: 1, AFFECT_CONFIG: 2 } as const;
/** virNetworkUpdateCommand (VIR_NETWORK_UPDATE_COMMAND_*). */
export const NetworkUpdateCommand = { NONE: 0, MODIFY: 1, DELETE: 2, ADD_LAST: 3, ADD_FIRST: 4 } as const;
/** virNetworkUpdateSection (VIR_NETWORK_SECTION_*). */
export const NetworkUpdateSection = {
  NONE: 0,
  BRIDGE: 1,
  DOMAIN: 2,
  IP: 3,
  IP_DHCP_HOST: 4,
  IP_DHCP_RANGE: 5,
  FORWARD: 6,
  FORWARD_INTERFACE: 7,
  FORWARD_PF: 8,
  PORTGROUP: 9,
  DNS_HOST: 10,
  DNS_TXT: 11,
  DNS_SRV: 12,
} as const;
/**
 * virNodeDeviceXMLFlags (VIR_NODE_DEVICE_XML_*).
 * @public
 */
export const NodeDeviceXMLFlags = { INACTIVE: 1 } as const;
