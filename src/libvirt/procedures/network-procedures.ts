// Why: virtual networks (list, find, define, start, stop, undefine, autostart, XML, bridge, live
// update, DHCP leases), as data. Shapes checked against libvirt's src/remote/remote_protocol.x.
import { xdr, type CodecType } from '../xdr/index.js';
import { RemoteProc } from '../protocol/procedures.js';
import {
  NETWORK_DHCP_LEASES_MAX,
  NETWORK_LIST_MAX,
  nonnullNetwork,
  nonnullString,
  remoteString,
  remoteUuid,
} from '../protocol/remote-types.js';
import { defineProcedure } from '../rpc/procedure-spec.js';

/** `{remote_nonnull_network net}`. */
const netArgs = xdr.struct({ net: nonnullNetwork });
/** `{remote_nonnull_network net}` as a reply. */
const netRet = xdr.struct({ net: nonnullNetwork });

/** REMOTE_PROC_CONNECT_LIST_ALL_NETWORKS (283): {int need_results; u32 flags} -> {nets<16384>; u32 ret}. */
export const connectListAllNetworks = defineProcedure({
  name: 'CONNECT_LIST_ALL_NETWORKS',
  procedure: RemoteProc.CONNECT_LIST_ALL_NETWORKS,
  args: xdr.struct({ needResults: xdr.int, flags: xdr.uint }),
  ret: xdr.struct({ nets: xdr.array(nonnullNetwork, NETWORK_LIST_MAX), ret: xdr.uint }),
  priority: true,
});

/** REMOTE_PROC_NETWORK_LOOKUP_BY_NAME (46): {name} -> {net}. */
export const networkLookupByName = defineProcedure({
  name: 'NETWORK_LOOKUP_BY_NAME',
  procedure: RemoteProc.NETWORK_LOOKUP_BY_NAME,
  args: xdr.struct({ name: nonnullString }),
  ret: netRet,
  priority: true,
});

/** REMOTE_PROC_NETWORK_LOOKUP_BY_UUID (47): {opaque uuid[16]} -> {net}. */
export const networkLookupByUuid = defineProcedure({
  name: 'NETWORK_LOOKUP_BY_UUID',
  procedure: RemoteProc.NETWORK_LOOKUP_BY_UUID,
  args: xdr.struct({ uuid: remoteUuid }),
  ret: netRet,
  priority: true,
});

/** REMOTE_PROC_NETWORK_DEFINE_XML (41): {str xml} -> {net} (persistent, inactive). */
export const networkDefineXml = defineProcedure({
  name: 'NETWORK_DEFINE_XML',
  procedure: RemoteProc.NETWORK_DEFINE_XML,
  args: xdr.struct({ xml: nonnullString }),
  ret: netRet,
  priority: true,
});

/** REMOTE_PROC_NETWORK_CREATE_XML (40): {str xml} -> {net} (transient, started). */
export const networkCreateXml = defineProcedure({
  name: 'NETWORK_CREATE_XML',
  procedure: RemoteProc.NETWORK_CREATE_XML,
  args: xdr.struct({ xml: nonnullString }),
  ret: netRet,
});

/** REMOTE_PROC_NETWORK_CREATE (39): {net} -> void (start a defined network). */
export const networkCreate = defineProcedure({
  name: 'NETWORK_CREATE',
  procedure: RemoteProc.NETWORK_CREATE,
  args: netArgs,
  ret: xdr.void,
});

/** REMOTE_PROC_NETWORK_DESTROY (42): {net} -> void (stop). */
export const networkDestroy = defineProcedure({
  name: 'NETWORK_DESTROY',
  procedure: RemoteProc.NETWORK_DESTROY,
  args: netArgs,
  ret: xdr.void,
  priority: true,
});

/** REMOTE_PROC_NETWORK_UNDEFINE (49): {net} -> void. */
export const networkUndefine = defineProcedure({
  name: 'NETWORK_UNDEFINE',
  procedure: RemoteProc.NETWORK_UNDEFINE,
  args: netArgs,
  ret: xdr.void,
  priority: true,
});

/** REMOTE_PROC_NETWORK_GET_XML_DESC (43): {net; u32 flags} -> {xml}. */
export const networkGetXmlDesc = defineProcedure({
  name: 'NETWORK_GET_XML_DESC',
  procedure: RemoteProc.NETWORK_GET_XML_DESC,
  args: xdr.struct({ net: nonnullNetwork, flags: xdr.uint }),
  ret: xdr.struct({ xml: nonnullString }),
  priority: true,
});

/** REMOTE_PROC_NETWORK_GET_BRIDGE_NAME (45): {net} -> {str name}. */
export const networkGetBridgeName = defineProcedure({
  name: 'NETWORK_GET_BRIDGE_NAME',
  procedure: RemoteProc.NETWORK_GET_BRIDGE_NAME,
  args: netArgs,
  ret: xdr.struct({ name: nonnullString }),
  priority: true,
});

/** REMOTE_PROC_NETWORK_GET_AUTOSTART (44): {net} -> {int autostart}. */
export const networkGetAutostart = defineProcedure({
  name: 'NETWORK_GET_AUTOSTART',
  procedure: RemoteProc.NETWORK_GET_AUTOSTART,
  args: netArgs,
  ret: xdr.struct({ autostart: xdr.int }),
  priority: true,
});

/** REMOTE_PROC_NETWORK_SET_AUTOSTART (48): {net; int autostart} -> void. */
export const networkSetAutostart = defineProcedure({
  name: 'NETWORK_SET_AUTOSTART',
  procedure: RemoteProc.NETWORK_SET_AUTOSTART,
  args: xdr.struct({ net: nonnullNetwork, autostart: xdr.int }),
  ret: xdr.void,
  priority: true,
});

/** REMOTE_PROC_NETWORK_IS_ACTIVE (152): {net} -> {int active}. */
export const networkIsActive = defineProcedure({
  name: 'NETWORK_IS_ACTIVE',
  procedure: RemoteProc.NETWORK_IS_ACTIVE,
  args: netArgs,
  ret: xdr.struct({ active: xdr.int }),
  priority: true,
});

/** REMOTE_PROC_NETWORK_IS_PERSISTENT (153): {net} -> {int persistent}. */
export const networkIsPersistent = defineProcedure({
  name: 'NETWORK_IS_PERSISTENT',
  procedure: RemoteProc.NETWORK_IS_PERSISTENT,
  args: netArgs,
  ret: xdr.struct({ persistent: xdr.int }),
  priority: true,
});

/**
 * REMOTE_PROC_NETWORK_UPDATE (291): {net; u32 command; u32 section; int parentIndex; str xml; u32 flags}
 * -> void. Daemons without VIR_DRV_FEATURE_NETWORK_UPDATE_HAS_CORRECT_ORDER read command and section
 * swapped; NetworkApi.update handles that.
 */
export const networkUpdate = defineProcedure({
  name: 'NETWORK_UPDATE',
  procedure: RemoteProc.NETWORK_UPDATE,
  args: xdr.struct({
    net: nonnullNetwork,
    command: xdr.uint,
    section: xdr.uint,
    parentIndex: xdr.int,
    xml: nonnullString,
    flags: xdr.uint,
  }),
  ret: xdr.void,
  priority: true,
});

/**
 * remote_network_dhcp_lease: {str iface; hyper expirytime; int type; str? mac; str? iaid; str ipaddr;
 * u32 prefix; str? hostname; str? clientid}.
 */
const networkDhcpLease = xdr.struct({
  iface: nonnullString,
  expirytime: xdr.hyper,
  type: xdr.int,
  mac: remoteString,
  iaid: remoteString,
  ipaddr: nonnullString,
  prefix: xdr.uint,
  hostname: remoteString,
  clientid: remoteString,
});

/** A lease as decoded from the wire (absent optional strings are null). */
export type NetworkDhcpLeaseWire = CodecType<typeof networkDhcpLease>;

/**
 * REMOTE_PROC_NETWORK_GET_DHCP_LEASES (341): {net; str? mac; int need_results; u32 flags} ->
 * {leases<65536>; u32 ret}.
 */
export const networkGetDhcpLeases = defineProcedure({
  name: 'NETWORK_GET_DHCP_LEASES',
  procedure: RemoteProc.NETWORK_GET_DHCP_LEASES,
  args: xdr.struct({ net: nonnullNetwork, mac: remoteString, needResults: xdr.int, flags: xdr.uint }),
  ret: xdr.struct({ leases: xdr.array(networkDhcpLease, NETWORK_DHCP_LEASES_MAX), ret: xdr.uint }),
});
