// The public surface of hv's libvirt client: what core (and tools) import. Everything else in
// src/libvirt is internal and may change shape.
export { LibvirtClient, type LibvirtClientOptions, type ClosableRpcCaller } from './libvirt-client.js';
export { connectLibvirt, planConnection, type ConnectLibvirtOptions, type ConnectPlan } from './connect.js';
export * from './errors/index.js';
export { LibvirtUriError } from './transport/libvirt-uri-error.js';
export type { RpcCaller, CallOptions, StreamResult } from './api/rpc-caller.js';
export { ConnectApi, decodeVersion } from './api/connect-api.js';
export {
  DomainApi,
  type DomainInfo,
  type DomainInterface,
  type DomainJobInfo,
  type DomainStatsRecord,
} from './api/domain-api.js';
export { EventApi, type DomainEventOptions } from './api/event-api.js';
export type { EventSubscription, SubscribeOptions } from './api/event-hub.js';
export type { ConsoleOptions } from './api/console-api.js';
export { AgentTimeout } from './api/agent-api.js';
export { migrateTypedParams, type MigrateParams, type MigrateParamsInput } from './api/migration-api.js';
export type { TypedParamInput } from './api/typed-param-calls.js';
export { uuidString, parseUuid, type DomainRef } from './procedures/domain-types.js';
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
export type {
  NetworkLifecycleEvent,
  StoragePoolLifecycleEvent,
  ConnectionClosedEvent,
} from './procedures/event-object-messages.js';
export {
  listDomainsWithStats,
  type DomainWithStats,
  type ListDomainsWithStatsOptions,
} from './convenience/list-domains-with-stats.js';
export * from './protocol/flags.js';
export type { TypedParam, TypedParamRecord } from './xdr/typed-params.js';
