// Why: libvirt events as async iterables. `for await (const e of client.events.domainLifecycle())`
// registers a callback on the daemon, yields decoded events, and deregisters when the loop ends, the
// signal aborts or close() is called. Buffers are bounded (oldest dropped, counted); subscriptions
// survive reconnects (re-registered with new callbackIDs).
import type { RpcCaller } from './rpc-caller.js';
import { EventHub, type EventSource, type EventSubscription, type SubscribeOptions } from './event-hub.js';
import { Program } from '../protocol/packet.js';
import { decode } from '../xdr/codec.js';
import type { DomainRef } from '../procedures/domain-types.js';
import * as reg from '../procedures/event-procedures.js';
import {
  domainEventKinds,
  type DomainAgentLifecycleEvent,
  type DomainBlockJobEvent,
  type DomainDeviceEvent,
  type DomainEventKind,
  type DomainLifecycleEvent,
  type DomainMetadataChangeEvent,
  type DomainOnlyEvent,
  type DomainParamsEvent,
} from '../procedures/event-domain-messages.js';
import {
  connectEventConnectionClosedMsg,
  networkEventLifecycleMsg,
  NETWORK_EVENT_ID_LIFECYCLE,
  storagePoolEventLifecycleMsg,
  STORAGE_POOL_EVENT_ID_LIFECYCLE,
  type ConnectionClosedEvent,
  type NetworkLifecycleEvent,
  type StoragePoolLifecycleEvent,
} from '../procedures/event-object-messages.js';

/** Options of a domain event subscription. */
export interface DomainEventOptions extends SubscribeOptions {
  /** Only this domain's events (default: every domain). */
  readonly dom?: DomainRef;
}

/** The object an event registration is filtered on (its UUID), or `*` for all objects. */
function filterKey(obj: { readonly uuid: Buffer } | undefined): string {
  return obj === undefined ? '*' : obj.uuid.toString('hex');
}

/** Event subscriptions of one connection. */
export class EventApi {
  readonly #c: RpcCaller;
  readonly #hub: EventHub;
  #closeRefs = 0;
  #closeIds = 0;

  constructor(caller: RpcCaller) {
    this.#c = caller;
    this.#hub = new EventHub(caller);
  }

  /** Subscribe to any domain event kind from the table (generic form of the methods below). */
  domainEvents<T>(kind: DomainEventKind<T>, opts: DomainEventOptions = {}): Promise<EventSubscription<T>> {
    const c = this.#c;
    const source: EventSource<T> = {
      program: Program.REMOTE,
      procedure: kind.procedure,
      decode: kind.decode,
      shareKey: `${kind.eventId}:${filterKey(opts.dom)}`,
      register: async () =>
        (
          await c.call(reg.connectDomainEventCallbackRegisterAny, {
            eventID: kind.eventId,
            dom: opts.dom ?? null,
          })
        ).callbackID,
      deregister: async (callbackID) => {
        await c.call(reg.connectDomainEventCallbackDeregisterAny, { callbackID });
      },
    };
    return this.#hub.subscribe(source, opts);
  }

  /** VIR_DOMAIN_EVENT_ID_LIFECYCLE: defined, started, suspended, stopped, shutdown... */
  domainLifecycle(opts: DomainEventOptions = {}): Promise<EventSubscription<DomainLifecycleEvent>> {
    return this.domainEvents(domainEventKinds.lifecycle, opts);
  }

  /** VIR_DOMAIN_EVENT_ID_REBOOT. */
  domainReboot(opts: DomainEventOptions = {}): Promise<EventSubscription<DomainOnlyEvent>> {
    return this.domainEvents(domainEventKinds.reboot, opts);
  }

  /** VIR_DOMAIN_EVENT_ID_JOB_COMPLETED: final statistics of a backup, migration, dump... */
  domainJobCompleted(opts: DomainEventOptions = {}): Promise<EventSubscription<DomainParamsEvent>> {
    return this.domainEvents(domainEventKinds.jobCompleted, opts);
  }

  /** VIR_DOMAIN_EVENT_ID_AGENT_LIFECYCLE: the guest agent connected (1) or disconnected (2). */
  domainAgentLifecycle(opts: DomainEventOptions = {}): Promise<EventSubscription<DomainAgentLifecycleEvent>> {
    return this.domainEvents(domainEventKinds.agentLifecycle, opts);
  }

  /** VIR_DOMAIN_EVENT_ID_BLOCK_JOB_2: block job state by disk target (vda). */
  domainBlockJob(opts: DomainEventOptions = {}): Promise<EventSubscription<DomainBlockJobEvent>> {
    return this.domainEvents(domainEventKinds.blockJob2, opts);
  }

  /** VIR_DOMAIN_EVENT_ID_DEVICE_REMOVED: a hot-unplug completed. */
  domainDeviceRemoved(opts: DomainEventOptions = {}): Promise<EventSubscription<DomainDeviceEvent>> {
    return this.domainEvents(domainEventKinds.deviceRemoved, opts);
  }

  /** VIR_DOMAIN_EVENT_ID_DEVICE_ADDED. */
  domainDeviceAdded(opts: DomainEventOptions = {}): Promise<EventSubscription<DomainDeviceEvent>> {
    return this.domainEvents(domainEventKinds.deviceAdded, opts);
  }

  /** VIR_DOMAIN_EVENT_ID_TUNABLE: cputune/blkiotune values changed. */
  domainTunable(opts: DomainEventOptions = {}): Promise<EventSubscription<DomainParamsEvent>> {
    return this.domainEvents(domainEventKinds.tunable, opts);
  }

  /** VIR_DOMAIN_EVENT_ID_METADATA_CHANGE. */
  domainMetadataChange(opts: DomainEventOptions = {}): Promise<EventSubscription<DomainMetadataChangeEvent>> {
    return this.domainEvents(domainEventKinds.metadataChange, opts);
  }

  /** VIR_NETWORK_EVENT_ID_LIFECYCLE, for one network (`net`) or all. */
  networkLifecycle(
    opts: SubscribeOptions & { readonly net?: { name: string; uuid: Buffer } } = {},
  ): Promise<EventSubscription<NetworkLifecycleEvent>> {
    const c = this.#c;
    return this.#hub.subscribe<NetworkLifecycleEvent>(
      {
        program: Program.REMOTE,
        procedure: networkEventLifecycleMsg.procedure,
        shareKey: filterKey(opts.net),
        decode: (payload) => {
          const m = decode(networkEventLifecycleMsg.codec, payload);
          return { callbackID: m.callbackID, event: { net: m.net, event: m.event, detail: m.detail } };
        },
        register: async () =>
          (
            await c.call(reg.connectNetworkEventRegisterAny, {
              eventID: NETWORK_EVENT_ID_LIFECYCLE,
              net: opts.net ?? null,
            })
          ).callbackID,
        deregister: async (callbackID) => {
          await c.call(reg.connectNetworkEventDeregisterAny, { callbackID });
        },
      },
      opts,
    );
  }

  /** VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE, for one pool (`pool`) or all. */
  storagePoolLifecycle(
    opts: SubscribeOptions & { readonly pool?: { name: string; uuid: Buffer } } = {},
  ): Promise<EventSubscription<StoragePoolLifecycleEvent>> {
    const c = this.#c;
    return this.#hub.subscribe<StoragePoolLifecycleEvent>(
      {
        program: Program.REMOTE,
        procedure: storagePoolEventLifecycleMsg.procedure,
        shareKey: filterKey(opts.pool),
        decode: (payload) => {
          const m = decode(storagePoolEventLifecycleMsg.codec, payload);
          return { callbackID: m.callbackID, event: { pool: m.pool, event: m.event, detail: m.detail } };
        },
        register: async () =>
          (
            await c.call(reg.connectStoragePoolEventRegisterAny, {
              eventID: STORAGE_POOL_EVENT_ID_LIFECYCLE,
              pool: opts.pool ?? null,
            })
          ).callbackID,
        deregister: async (callbackID) => {
          await c.call(reg.connectStoragePoolEventDeregisterAny, { callbackID });
        },
      },
      opts,
    );
  }

  /**
   * CONNECT_EVENT_CONNECTION_CLOSED: the daemon's own hypervisor connection closed. The daemon allows
   * one close callback per connection, so subscribers share one registration (reference-counted).
   */
  connectionClosed(opts: SubscribeOptions = {}): Promise<EventSubscription<ConnectionClosedEvent>> {
    const c = this.#c;
    return this.#hub.subscribe<ConnectionClosedEvent>(
      {
        program: Program.REMOTE,
        procedure: connectEventConnectionClosedMsg.procedure,
        decode: (payload) => ({
          callbackID: undefined,
          event: { reason: decode(connectEventConnectionClosedMsg.codec, payload).reason },
        }),
        register: async () => {
          if (this.#closeRefs === 0) await c.call(reg.connectRegisterCloseCallback, undefined);
          this.#closeRefs += 1;
          this.#closeIds += 1;
          return this.#closeIds;
        },
        deregister: async () => {
          this.#closeRefs = Math.max(0, this.#closeRefs - 1);
          if (this.#closeRefs === 0) await c.call(reg.connectUnregisterCloseCallback, undefined);
        },
        reset: () => {
          this.#closeRefs = 0;
        },
      },
      opts,
    );
  }

  /** Resolves once every subscription is registered again after the latest reconnect. */
  settled(): Promise<void> {
    return this.#hub.settled();
  }

  /** End every subscription locally (used when the client closes). */
  shutdown(error?: unknown): void {
    this.#hub.shutdown(error);
  }
}
