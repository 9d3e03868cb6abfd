// Why: the non-domain event MESSAGE procedures hv listens to (network and storage pool lifecycle, the
// connection-closed notice), with codecs and friendly event shapes.
// Shapes checked against libvirt's src/remote/remote_protocol.x.
import { xdr } from '../xdr/index.js';
import { NetworkEventId, RemoteProc, StoragePoolEventId } from '../protocol/procedures.js';
import { nonnullNetwork, nonnullStoragePool } from '../protocol/remote-types.js';

/** A network was defined/undefined/started/stopped (VIR_NETWORK_EVENT_*). */
export interface NetworkLifecycleEvent {
  readonly net: { readonly name: string; readonly uuid: Buffer };
  readonly event: number;
  readonly detail: number;
}

/** A storage pool was defined/undefined/started/stopped/created/deleted (VIR_STORAGE_POOL_EVENT_*). */
export interface StoragePoolLifecycleEvent {
  readonly pool: { readonly name: string; readonly uuid: Buffer };
  readonly event: number;
  readonly detail: number;
}

/** The daemon's connection to its hypervisor closed: reason VIR_CONNECT_CLOSE_REASON_* (0 error, 1 EOF, 2 keepalive, 3 client). */
export interface ConnectionClosedEvent {
  readonly reason: number;
}

/** VIR_NETWORK_EVENT_ID_LIFECYCLE. */
export const NETWORK_EVENT_ID_LIFECYCLE = NetworkEventId.LIFECYCLE;
/** VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE. */
export const STORAGE_POOL_EVENT_ID_LIFECYCLE = StoragePoolEventId.LIFECYCLE;

/** REMOTE_PROC_NETWORK_EVENT_LIFECYCLE (315): {int callbackID; net; int event; int detail}. */
export const networkEventLifecycleMsg = {
  procedure: RemoteProc.NETWORK_EVENT_LIFECYCLE,
  codec: xdr.struct({ callbackID: xdr.int, net: nonnullNetwork, event: xdr.int, detail: xdr.int }),
} as const;

/** REMOTE_PROC_STORAGE_POOL_EVENT_LIFECYCLE (370): {int callbackID; pool; int event; int detail}. */
export const storagePoolEventLifecycleMsg = {
  procedure: RemoteProc.STORAGE_POOL_EVENT_LIFECYCLE,
  codec: xdr.struct({ callbackID: xdr.int, pool: nonnullStoragePool, event: xdr.int, detail: xdr.int }),
} as const;

/** REMOTE_PROC_CONNECT_EVENT_CONNECTION_CLOSED (362): {int reason} (no callbackID). */
export const connectEventConnectionClosedMsg = {
  procedure: RemoteProc.CONNECT_EVENT_CONNECTION_CLOSED,
  codec: xdr.struct({ reason: xdr.int }),
} as const;
