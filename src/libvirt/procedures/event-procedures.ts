// Why: registering for events is a call that returns a callbackID; deregistering takes it back. One
// pair per event family (domain, network, storage pool) plus the connection-close callback.
// Shapes checked against libvirt's src/remote/remote_protocol.x.
import { xdr } from '../xdr/index.js';
import { RemoteProc } from '../protocol/procedures.js';
import { nonnullNetwork, nonnullStoragePool } from '../protocol/remote-types.js';
import { defineProcedure } from '../rpc/procedure-spec.js';
import { domainRef } from './domain-shapes.js';

const callbackRet = xdr.struct({ callbackID: xdr.int });
const callbackArgs = xdr.struct({ callbackID: xdr.int });

/** REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY (316): {int eventID; remote_domain dom?} -> {int callbackID}. */
export const connectDomainEventCallbackRegisterAny = defineProcedure({
  name: 'CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY',
  procedure: RemoteProc.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
  args: xdr.struct({ eventID: xdr.int, dom: xdr.optional(domainRef) }),
  ret: callbackRet,
  priority: true,
});

/** REMOTE_PROC_CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY (317): {int callbackID} -> void. */
export const connectDomainEventCallbackDeregisterAny = defineProcedure({
  name: 'CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY',
  procedure: RemoteProc.CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY,
  args: callbackArgs,
  ret: xdr.void,
  priority: true,
});

/** REMOTE_PROC_CONNECT_NETWORK_EVENT_REGISTER_ANY (313): {int eventID; remote_network net?} -> {int callbackID}. */
export const connectNetworkEventRegisterAny = defineProcedure({
  name: 'CONNECT_NETWORK_EVENT_REGISTER_ANY',
  procedure: RemoteProc.CONNECT_NETWORK_EVENT_REGISTER_ANY,
  args: xdr.struct({ eventID: xdr.int, net: xdr.optional(nonnullNetwork) }),
  ret: callbackRet,
  priority: true,
});

/** REMOTE_PROC_CONNECT_NETWORK_EVENT_DEREGISTER_ANY (314): {int callbackID} -> void. */
export const connectNetworkEventDeregisterAny = defineProcedure({
  name: 'CONNECT_NETWORK_EVENT_DEREGISTER_ANY',
  procedure: RemoteProc.CONNECT_NETWORK_EVENT_DEREGISTER_ANY,
  args: callbackArgs,
  ret: xdr.void,
  priority: true,
});

/** REMOTE_PROC_CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY (368): {int eventID; remote_storage_pool pool?} -> {int callbackID}. */
export const connectStoragePoolEventRegisterAny = defineProcedure({
  name: 'CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY',
  procedure: RemoteProc.CONNECT_STORAGE_POOL_EVENT_REGISTER_ANY,
  args: xdr.struct({ eventID: xdr.int, pool: xdr.optional(nonnullStoragePool) }),
  ret: callbackRet,
  priority: true,
});

/** REMOTE_PROC_CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY (369): {int callbackID} -> void. */
export const connectStoragePoolEventDeregisterAny = defineProcedure({
  name: 'CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY',
  procedure: RemoteProc.CONNECT_STORAGE_POOL_EVENT_DEREGISTER_ANY,
  args: callbackArgs,
  ret: xdr.void,
  priority: true,
});

/** REMOTE_PROC_CONNECT_REGISTER_CLOSE_CALLBACK (360): void -> void (one per connection). */
export const connectRegisterCloseCallback = defineProcedure({
  name: 'CONNECT_REGISTER_CLOSE_CALLBACK',
  procedure: RemoteProc.CONNECT_REGISTER_CLOSE_CALLBACK,
  args: xdr.void,
  ret: xdr.void,
  priority: true,
});

/** REMOTE_PROC_CONNECT_UNREGISTER_CLOSE_CALLBACK (361): void -> void. */
export const connectUnregisterCloseCallback = defineProcedure({
  name: 'CONNECT_UNREGISTER_CLOSE_CALLBACK',
  procedure: RemoteProc.CONNECT_UNREGISTER_CLOSE_CALLBACK,
  args: xdr.void,
  ret: xdr.void,
  priority: true,
});
