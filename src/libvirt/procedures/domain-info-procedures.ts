// Why: the read side of a domain (XML, state, info, autostart, metadata, hostname, addresses), as data.
// Shapes checked against libvirt's src/remote/remote_protocol.x.
import { xdr } from '../xdr/index.js';
import { RemoteProc } from '../protocol/procedures.js';
import { DOMAIN_INTERFACE_MAX, DOMAIN_IP_ADDR_MAX } from '../protocol/remote-types.js';
import { defineProcedure } from '../rpc/procedure-spec.js';
import { domArgs, domFlagsArgs, domainRef, nonnullString, optionalString, xmlRet } from './domain-shapes.js';

/** REMOTE_PROC_DOMAIN_GET_XML_DESC (14): {dom; u32 flags} -> {xml}. */
export const domainGetXmlDesc = defineProcedure({
  name: 'DOMAIN_GET_XML_DESC',
  procedure: RemoteProc.DOMAIN_GET_XML_DESC,
  args: domFlagsArgs,
  ret: xmlRet,
});

/** REMOTE_PROC_DOMAIN_GET_STATE (212): {dom; u32 flags} -> {int state; int reason}. */
export const domainGetState = defineProcedure({
  name: 'DOMAIN_GET_STATE',
  procedure: RemoteProc.DOMAIN_GET_STATE,
  args: domFlagsArgs,
  ret: xdr.struct({ state: xdr.int, reason: xdr.int }),
  priority: true,
});

/**
 * REMOTE_PROC_DOMAIN_GET_INFO (16): {dom} -> {uchar state; u hyper maxMem; u hyper memory;
 * ushort nrVirtCpu; u hyper cpuTime} (uchar and ushort take 4 bytes each on the wire).
 */
export const domainGetInfo = defineProcedure({
  name: 'DOMAIN_GET_INFO',
  procedure: RemoteProc.DOMAIN_GET_INFO,
  args: domArgs,
  ret: xdr.struct({
    state: xdr.uchar,
    maxMem: xdr.uhyper,
    memory: xdr.uhyper,
    nrVirtCpu: xdr.ushort,
    cpuTime: xdr.uhyper,
  }),
});

/** REMOTE_PROC_DOMAIN_GET_AUTOSTART (15): {dom} -> {int autostart}. */
export const domainGetAutostart = defineProcedure({
  name: 'DOMAIN_GET_AUTOSTART',
  procedure: RemoteProc.DOMAIN_GET_AUTOSTART,
  args: domArgs,
  ret: xdr.struct({ autostart: xdr.int }),
  priority: true,
});

/** REMOTE_PROC_DOMAIN_SET_AUTOSTART (29): {dom; int autostart} -> void. */
export const domainSetAutostart = defineProcedure({
  name: 'DOMAIN_SET_AUTOSTART',
  procedure: RemoteProc.DOMAIN_SET_AUTOSTART,
  args: xdr.struct({ dom: domainRef, autostart: xdr.int }),
  ret: xdr.void,
  priority: true,
});

/** REMOTE_PROC_DOMAIN_SET_METADATA (264): {dom; int type; str? metadata; str? key; str? uri; u32 flags} -> void. */
export const domainSetMetadata = defineProcedure({
  name: 'DOMAIN_SET_METADATA',
  procedure: RemoteProc.DOMAIN_SET_METADATA,
  args: xdr.struct({
    dom: domainRef,
    type: xdr.int,
    metadata: optionalString,
    key: optionalString,
    uri: optionalString,
    flags: xdr.uint,
  }),
  ret: xdr.void,
});

/** REMOTE_PROC_DOMAIN_GET_METADATA (265): {dom; int type; str? uri; u32 flags} -> {metadata}. */
export const domainGetMetadata = defineProcedure({
  name: 'DOMAIN_GET_METADATA',
  procedure: RemoteProc.DOMAIN_GET_METADATA,
  args: xdr.struct({ dom: domainRef, type: xdr.int, uri: optionalString, flags: xdr.uint }),
  ret: xdr.struct({ metadata: nonnullString }),
});

/** REMOTE_PROC_DOMAIN_GET_HOSTNAME (277): {dom; u32 flags} -> {hostname}. */
export const domainGetHostname = defineProcedure({
  name: 'DOMAIN_GET_HOSTNAME',
  procedure: RemoteProc.DOMAIN_GET_HOSTNAME,
  args: domFlagsArgs,
  ret: xdr.struct({ hostname: nonnullString }),
});

const ipAddr = xdr.struct({ type: xdr.int, addr: nonnullString, prefix: xdr.uint });
const iface = xdr.struct({
  name: nonnullString,
  hwaddr: optionalString,
  addrs: xdr.array(ipAddr, DOMAIN_IP_ADDR_MAX),
});

/** REMOTE_PROC_DOMAIN_INTERFACE_ADDRESSES (353): {dom; u32 source; u32 flags} -> {ifaces<2048>}. */
export const domainInterfaceAddresses = defineProcedure({
  name: 'DOMAIN_INTERFACE_ADDRESSES',
  procedure: RemoteProc.DOMAIN_INTERFACE_ADDRESSES,
  args: xdr.struct({ dom: domainRef, source: xdr.uint, flags: xdr.uint }),
  ret: xdr.struct({ ifaces: xdr.array(iface, DOMAIN_INTERFACE_MAX) }),
});
