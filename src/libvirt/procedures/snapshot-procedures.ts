// Why: domain snapshots (create, list, inspect, navigate the tree, revert, delete), as data. Shapes
// checked against libvirt's src/remote/remote_protocol.x.
import { xdr } from '../xdr/index.js';
import { RemoteProc } from '../protocol/procedures.js';
import {
  DOMAIN_SNAPSHOT_LIST_MAX,
  nonnullDomain,
  nonnullDomainSnapshot,
  nonnullString,
} from '../protocol/remote-types.js';
import { defineProcedure } from '../rpc/procedure-spec.js';

/** `{remote_nonnull_domain_snapshot snap; unsigned int flags}`. */
const snapFlagsArgs = xdr.struct({ snap: nonnullDomainSnapshot, flags: xdr.uint });
/** `{remote_nonnull_domain dom; unsigned int flags}`. */
const domFlagsArgs = xdr.struct({ dom: nonnullDomain, flags: xdr.uint });
/** `{remote_nonnull_domain_snapshot snap}` reply. */
const snapRet = xdr.struct({ snap: nonnullDomainSnapshot });
/** `{snapshots<16384>; int ret}` reply of the list-all calls. */
const snapListRet = xdr.struct({
  snapshots: xdr.array(nonnullDomainSnapshot, DOMAIN_SNAPSHOT_LIST_MAX),
  ret: xdr.int,
});

/** REMOTE_PROC_DOMAIN_SNAPSHOT_CREATE_XML (185): {dom; str xml_desc; u32 flags} -> {snap}. */
export const domainSnapshotCreateXml = defineProcedure({
  name: 'DOMAIN_SNAPSHOT_CREATE_XML',
  procedure: RemoteProc.DOMAIN_SNAPSHOT_CREATE_XML,
  args: xdr.struct({ dom: nonnullDomain, xmlDesc: nonnullString, flags: xdr.uint }),
  ret: snapRet,
});

/** REMOTE_PROC_DOMAIN_LIST_ALL_SNAPSHOTS (274): {dom; int need_results; u32 flags} -> {snapshots<>; int ret}. */
export const domainListAllSnapshots = defineProcedure({
  name: 'DOMAIN_LIST_ALL_SNAPSHOTS',
  procedure: RemoteProc.DOMAIN_LIST_ALL_SNAPSHOTS,
  args: xdr.struct({ dom: nonnullDomain, needResults: xdr.int, flags: xdr.uint }),
  ret: snapListRet,
  priority: true,
});

/**
 * REMOTE_PROC_DOMAIN_SNAPSHOT_LIST_ALL_CHILDREN (275): {snapshot; int need_results; u32 flags} ->
 * {snapshots<>; int ret}.
 */
export const domainSnapshotListAllChildren = defineProcedure({
  name: 'DOMAIN_SNAPSHOT_LIST_ALL_CHILDREN',
  procedure: RemoteProc.DOMAIN_SNAPSHOT_LIST_ALL_CHILDREN,
  args: xdr.struct({ snapshot: nonnullDomainSnapshot, needResults: xdr.int, flags: xdr.uint }),
  ret: snapListRet,
  priority: true,
});

/** REMOTE_PROC_DOMAIN_SNAPSHOT_GET_XML_DESC (186): {snap; u32 flags} -> {xml}. */
export const domainSnapshotGetXmlDesc = defineProcedure({
  name: 'DOMAIN_SNAPSHOT_GET_XML_DESC',
  procedure: RemoteProc.DOMAIN_SNAPSHOT_GET_XML_DESC,
  args: snapFlagsArgs,
  ret: xdr.struct({ xml: nonnullString }),
  priority: true,
});

/** REMOTE_PROC_DOMAIN_SNAPSHOT_LOOKUP_BY_NAME (189): {dom; str name; u32 flags} -> {snap}. */
export const domainSnapshotLookupByName = defineProcedure({
  name: 'DOMAIN_SNAPSHOT_LOOKUP_BY_NAME',
  procedure: RemoteProc.DOMAIN_SNAPSHOT_LOOKUP_BY_NAME,
  args: xdr.struct({ dom: nonnullDomain, name: nonnullString, flags: xdr.uint }),
  ret: snapRet,
  priority: true,
});

/** REMOTE_PROC_DOMAIN_HAS_CURRENT_SNAPSHOT (190): {dom; u32 flags} -> {int result}. */
export const domainHasCurrentSnapshot = defineProcedure({
  name: 'DOMAIN_HAS_CURRENT_SNAPSHOT',
  procedure: RemoteProc.DOMAIN_HAS_CURRENT_SNAPSHOT,
  args: domFlagsArgs,
  ret: xdr.struct({ result: xdr.int }),
});

/** REMOTE_PROC_DOMAIN_SNAPSHOT_CURRENT (191): {dom; u32 flags} -> {snap}. */
export const domainSnapshotCurrent = defineProcedure({
  name: 'DOMAIN_SNAPSHOT_CURRENT',
  procedure: RemoteProc.DOMAIN_SNAPSHOT_CURRENT,
  args: domFlagsArgs,
  ret: snapRet,
});

/** REMOTE_PROC_DOMAIN_SNAPSHOT_GET_PARENT (244): {snap; u32 flags} -> {snap}. */
export const domainSnapshotGetParent = defineProcedure({
  name: 'DOMAIN_SNAPSHOT_GET_PARENT',
  procedure: RemoteProc.DOMAIN_SNAPSHOT_GET_PARENT,
  args: snapFlagsArgs,
  ret: snapRet,
  priority: true,
});

/** REMOTE_PROC_DOMAIN_SNAPSHOT_IS_CURRENT (271): {snap; u32 flags} -> {int current}. */
export const domainSnapshotIsCurrent = defineProcedure({
  name: 'DOMAIN_SNAPSHOT_IS_CURRENT',
  procedure: RemoteProc.DOMAIN_SNAPSHOT_IS_CURRENT,
  args: snapFlagsArgs,
  ret: xdr.struct({ current: xdr.int }),
});

/** REMOTE_PROC_DOMAIN_SNAPSHOT_HAS_METADATA (272): {snap; u32 flags} -> {int metadata}. */
export const domainSnapshotHasMetadata = defineProcedure({
  name: 'DOMAIN_SNAPSHOT_HAS_METADATA',
  procedure: RemoteProc.DOMAIN_SNAPSHOT_HAS_METADATA,
  args: snapFlagsArgs,
  ret: xdr.struct({ metadata: xdr.int }),
});

/** REMOTE_PROC_DOMAIN_REVERT_TO_SNAPSHOT (192): {snap; u32 flags} -> void. */
export const domainRevertToSnapshot = defineProcedure({
  name: 'DOMAIN_REVERT_TO_SNAPSHOT',
  procedure: RemoteProc.DOMAIN_REVERT_TO_SNAPSHOT,
  args: snapFlagsArgs,
  ret: xdr.void,
});

/** REMOTE_PROC_DOMAIN_SNAPSHOT_DELETE (193): {snap; u32 flags} -> void. */
export const domainSnapshotDelete = defineProcedure({
  name: 'DOMAIN_SNAPSHOT_DELETE',
  procedure: RemoteProc.DOMAIN_SNAPSHOT_DELETE,
  args: snapFlagsArgs,
  ret: xdr.void,
});
