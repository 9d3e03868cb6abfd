// The public surface of hv's libvirt client: what core (and tools) import. Everything else in
// src/libvirt is internal and may change shape. (`@public`: knip, these are used outside src/ too.)
/** @public */
export { LibvirtClient, type LibvirtClientOptions, type ClosableRpcCaller } from './libvirt-client.js';
/** @public */
export { connectLibvirt, planConnection, type ConnectLibvirtOptions, type ConnectPlan } from './connect.js';
/** @public */
export * from './errors/index.js';
/** @public */
export { LibvirtUriError } from './transport/libvirt-uri-error.js';
/** @public */
export type { RpcCaller, CallOptions, StreamResult } from './api/rpc-caller.js';
/** @public */
export { ConnectApi, decodeVersion } from './api/connect-api.js';
/** @public */
export {
  DomainApi,
  type DomainInfo,
  type DomainInterface,
  type DomainJobInfo,
  type DomainStatsRecord,
} from './api/domain-api.js';
/** @public */
export { EventApi, type DomainEventOptions } from './api/event-api.js';
/** @public */
export type { EventSubscription, SubscribeOptions } from './api/event-hub.js';
/** @public */
export type { ConsoleOptions } from './api/console-api.js';
/** @public */
export { AgentTimeout } from './api/agent-api.js';
/** @public */
export { migrateTypedParams, type MigrateParams, type MigrateParamsInput } from './api/migration-api.js';
/** @public */
export type { TypedParamInput } from './api/typed-param-calls.js';
/** @public */
export { uuidString, parseUuid, type DomainRef } from './procedures/domain-types.js';
/** @public */
export {
  domainEventKinds,
  type DomainEventKind,
  type DomainEventName,
  type DomainLifecycleEvent,
  type DomainOnlyEvent,
  type DomainBlockJobEvent,
  type DomainDeviceEvent,
  type DomainParamsEvent,
  type DomainAgentLifecycleEvent,
  type DomainMetadataChangeEvent,
} from './procedures/event-domain-messages.js';
/** @public */
export type {
  NetworkLifecycleEvent,
  StoragePoolLifecycleEvent,
  ConnectionClosedEvent,
} from './procedures/event-object-messages.js';
/** @public */
export {
  listDomainsWithStats,
  type DomainWithStats,
  type ListDomainsWithStatsOptions,
} from './convenience/list-domains-with-stats.js';
/** @public */
export * from './protocol/flags.js';
/** @public */
export type { TypedParam, TypedParamRecord } from './xdr/typed-params.js';
/** @public */
export { NodeApi, type NodeInfo, type NodeStats, type NodeSecurityModel } from './api/node-api.js';
/** @public */
export { StorageApi, type StoragePoolInfo } from './api/storage-api.js';
/** @public */
export {
  StorageVolumeApi,
  type StoragePoolRef,
  type StorageVolRef,
  type StorageVolInfo,
} from './api/storage-volume-api.js';
/** @public */
export type { VolumeTransferOptions, UploadSource } from './api/volume-stream.js';
/** @public */
export {
  NetworkApi,
  type NetworkRef,
  type NetworkDhcpLease,
  type NetworkUpdateOptions,
} from './api/network-api.js';
/** @public */
export { NwfilterApi, type NwfilterRef, type NwfilterBindingRef } from './api/nwfilter-api.js';
/** @public */
export { NodeDeviceApi, type NodeDeviceRef } from './api/node-device-api.js';
/** @public */
export { SnapshotApi, type SnapshotRef } from './api/snapshot-api.js';
/** @public */
export { CheckpointApi, type CheckpointRef } from './api/checkpoint-api.js';
/** @public */
export { BackupApi, type JobStats, type WaitForJobOptions } from './api/backup-api.js';
