// Why: the connection-level questions (which hypervisor, which versions, which host, what it can do)
// that every client asks first. Shapes from libvirt's remote_protocol.x.
import { xdr } from '../xdr/index.js';
import { RemoteProc } from '../protocol/procedures.js';
import { defineProcedure } from '../rpc/procedure-spec.js';
import { nonnullString, optionalString } from './domain-shapes.js';

/** REMOTE_PROC_CONNECT_GET_TYPE (3): void -> {type}. */
export const connectGetType = defineProcedure({
  name: 'CONNECT_GET_TYPE',
  procedure: RemoteProc.CONNECT_GET_TYPE,
  args: xdr.void,
  ret: xdr.struct({ type: nonnullString }),
  priority: true,
});

/** REMOTE_PROC_CONNECT_GET_VERSION (4): void -> {unsigned hyper hv_ver}. */
export const connectGetVersion = defineProcedure({
  name: 'CONNECT_GET_VERSION',
  procedure: RemoteProc.CONNECT_GET_VERSION,
  args: xdr.void,
  ret: xdr.struct({ hvVer: xdr.uhyper }),
  priority: true,
});

/** REMOTE_PROC_CONNECT_GET_LIB_VERSION (157): void -> {unsigned hyper lib_ver}. */
export const connectGetLibVersion = defineProcedure({
  name: 'CONNECT_GET_LIB_VERSION',
  procedure: RemoteProc.CONNECT_GET_LIB_VERSION,
  args: xdr.void,
  ret: xdr.struct({ libVer: xdr.uhyper }),
  priority: true,
});

/** REMOTE_PROC_CONNECT_GET_HOSTNAME (59): void -> {hostname}. */
export const connectGetHostname = defineProcedure({
  name: 'CONNECT_GET_HOSTNAME',
  procedure: RemoteProc.CONNECT_GET_HOSTNAME,
  args: xdr.void,
  ret: xdr.struct({ hostname: nonnullString }),
  priority: true,
});

/** REMOTE_PROC_CONNECT_GET_URI (110): void -> {uri}. */
export const connectGetUri = defineProcedure({
  name: 'CONNECT_GET_URI',
  procedure: RemoteProc.CONNECT_GET_URI,
  args: xdr.void,
  ret: xdr.struct({ uri: nonnullString }),
  priority: true,
});

/** REMOTE_PROC_CONNECT_GET_CAPABILITIES (7): void -> {capabilities} (XML). */
export const connectGetCapabilities = defineProcedure({
  name: 'CONNECT_GET_CAPABILITIES',
  procedure: RemoteProc.CONNECT_GET_CAPABILITIES,
  args: xdr.void,
  ret: xdr.struct({ capabilities: nonnullString }),
});

/** REMOTE_PROC_CONNECT_GET_DOMAIN_CAPABILITIES (342): {emulatorbin?; arch?; machine?; virttype?; flags} -> {capabilities}. */
export const connectGetDomainCapabilities = defineProcedure({
  name: 'CONNECT_GET_DOMAIN_CAPABILITIES',
  procedure: RemoteProc.CONNECT_GET_DOMAIN_CAPABILITIES,
  args: xdr.struct({
    emulatorbin: optionalString,
    arch: optionalString,
    machine: optionalString,
    virttype: optionalString,
    flags: xdr.uint,
  }),
  ret: xdr.struct({ capabilities: nonnullString }),
});

/** REMOTE_PROC_CONNECT_SUPPORTS_FEATURE (60): defined once with the handshake, which needs it first. */
export { connectSupportsFeature } from '../rpc/handshake-procedures.js';
