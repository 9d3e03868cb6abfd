// Why: domain checkpoints (the dirty-bitmap markers incremental backups start from), as data. Shapes
// checked against libvirt's src/remote/remote_protocol.x.
import { xdr } from '../xdr/index.js';
import { RemoteProc } from '../protocol/procedures.js';
import {
  DOMAIN_CHECKPOINT_LIST_MAX,
  nonnullDomain,
  nonnullDomainCheckpoint,
  nonnullString,
} from '../protocol/remote-types.js';
import { defineProcedure } from '../rpc/procedure-spec.js';

/** `{remote_nonnull_domain_checkpoint checkpoint; unsigned int flags}`. */
const checkpointFlagsArgs = xdr.struct({ checkpoint: nonnullDomainCheckpoint, flags: xdr.uint });
/** `{remote_nonnull_domain_checkpoint checkpoint}` reply. */
const checkpointRet = xdr.struct({ checkpoint: nonnullDomainCheckpoint });
/** `{checkpoints<16384>; int ret}` reply of the list-all calls. */
const checkpointListRet = xdr.struct({
  checkpoints: xdr.array(nonnullDomainCheckpoint, DOMAIN_CHECKPOINT_LIST_MAX),
  ret: xdr.int,
});

/** REMOTE_PROC_DOMAIN_CHECKPOINT_CREATE_XML (411): {dom; str xml_desc; u32 flags} -> {checkpoint}. */
export const domainCheckpointCreateXml = defineProcedure({
  name: 'DOMAIN_CHECKPOINT_CREATE_XML',
  procedure: RemoteProc.DOMAIN_CHECKPOINT_CREATE_XML,
  args: xdr.struct({ dom: nonnullDomain, xmlDesc: nonnullString, flags: xdr.uint }),
  ret: checkpointRet,
});

/** REMOTE_PROC_DOMAIN_CHECKPOINT_GET_XML_DESC (412): {checkpoint; u32 flags} -> {xml}. */
export const domainCheckpointGetXmlDesc = defineProcedure({
  name: 'DOMAIN_CHECKPOINT_GET_XML_DESC',
  procedure: RemoteProc.DOMAIN_CHECKPOINT_GET_XML_DESC,
  args: checkpointFlagsArgs,
  ret: xdr.struct({ xml: nonnullString }),
});

/** REMOTE_PROC_DOMAIN_LIST_ALL_CHECKPOINTS (413): {dom; int need_results; u32 flags} -> {checkpoints<>; int ret}. */
export const domainListAllCheckpoints = defineProcedure({
  name: 'DOMAIN_LIST_ALL_CHECKPOINTS',
  procedure: RemoteProc.DOMAIN_LIST_ALL_CHECKPOINTS,
  args: xdr.struct({ dom: nonnullDomain, needResults: xdr.int, flags: xdr.uint }),
  ret: checkpointListRet,
  priority: true,
});

/**
 * REMOTE_PROC_DOMAIN_CHECKPOINT_LIST_ALL_CHILDREN (414): {checkpoint; int need_results; u32 flags} ->
 * {checkpoints<>; int ret}.
 */
export const domainCheckpointListAllChildren = defineProcedure({
  name: 'DOMAIN_CHECKPOINT_LIST_ALL_CHILDREN',
  procedure: RemoteProc.DOMAIN_CHECKPOINT_LIST_ALL_CHILDREN,
  args: xdr.struct({ checkpoint: nonnullDomainCheckpoint, needResults: xdr.int, flags: xdr.uint }),
  ret: checkpointListRet,
  priority: true,
});

/** REMOTE_PROC_DOMAIN_CHECKPOINT_LOOKUP_BY_NAME (415): {dom; str name; u32 flags} -> {checkpoint}. */
export const domainCheckpointLookupByName = defineProcedure({
  name: 'DOMAIN_CHECKPOINT_LOOKUP_BY_NAME',
  procedure: RemoteProc.DOMAIN_CHECKPOINT_LOOKUP_BY_NAME,
  args: xdr.struct({ dom: nonnullDomain, name: nonnullString, flags: xdr.uint }),
  ret: checkpointRet,
  priority: true,
});

/** REMOTE_PROC_DOMAIN_CHECKPOINT_GET_PARENT (416): {checkpoint; u32 flags} -> {parent}. */
export const domainCheckpointGetParent = defineProcedure({
  name: 'DOMAIN_CHECKPOINT_GET_PARENT',
  procedure: RemoteProc.DOMAIN_CHECKPOINT_GET_PARENT,
  args: checkpointFlagsArgs,
  ret: xdr.struct({ parent: nonnullDomainCheckpoint }),
  priority: true,
});

/** REMOTE_PROC_DOMAIN_CHECKPOINT_DELETE (417): {checkpoint; u32 flags} -> void. */
export const domainCheckpointDelete = defineProcedure({
  name: 'DOMAIN_CHECKPOINT_DELETE',
  procedure: RemoteProc.DOMAIN_CHECKPOINT_DELETE,
  args: checkpointFlagsArgs,
  ret: xdr.void,
});
