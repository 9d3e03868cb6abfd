// Why: the procedures that find, define, start, stop and delete domains, as data. Shapes checked
// against libvirt's src/remote/remote_protocol.x.
import { xdr } from '../xdr/index.js';
import { RemoteProc } from '../protocol/procedures.js';
import { DOMAIN_LIST_MAX } from '../protocol/remote-types.js';
import { defineProcedure } from '../rpc/procedure-spec.js';
import { domArgs, domFlagsArgs, domainRef, domRet, nonnullString } from './domain-shapes.js';

/** REMOTE_PROC_CONNECT_LIST_ALL_DOMAINS (273): {int need_results; u32 flags} -> {domains<>; u32 ret}. */
export const connectListAllDomains = defineProcedure({
  name: 'CONNECT_LIST_ALL_DOMAINS',
  procedure: RemoteProc.CONNECT_LIST_ALL_DOMAINS,
  args: xdr.struct({ needResults: xdr.int, flags: xdr.uint }),
  ret: xdr.struct({ domains: xdr.array(domainRef, DOMAIN_LIST_MAX), ret: xdr.uint }),
  priority: true,
});

/** REMOTE_PROC_DOMAIN_LOOKUP_BY_NAME (23): {name} -> {dom}. */
export const domainLookupByName = defineProcedure({
  name: 'DOMAIN_LOOKUP_BY_NAME',
  procedure: RemoteProc.DOMAIN_LOOKUP_BY_NAME,
  args: xdr.struct({ name: nonnullString }),
  ret: domRet,
  priority: true,
});

/** REMOTE_PROC_DOMAIN_LOOKUP_BY_UUID (24): {opaque uuid[16]} -> {dom}. */
export const domainLookupByUuid = defineProcedure({
  name: 'DOMAIN_LOOKUP_BY_UUID',
  procedure: RemoteProc.DOMAIN_LOOKUP_BY_UUID,
  args: xdr.struct({ uuid: xdr.opaqueFixed(16) }),
  ret: domRet,
  priority: true,
});

/** REMOTE_PROC_DOMAIN_LOOKUP_BY_ID (22): {int id} -> {dom}. */
export const domainLookupById = defineProcedure({
  name: 'DOMAIN_LOOKUP_BY_ID',
  procedure: RemoteProc.DOMAIN_LOOKUP_BY_ID,
  args: xdr.struct({ id: xdr.int }),
  ret: domRet,
  priority: true,
});

/** REMOTE_PROC_DOMAIN_DEFINE_XML_FLAGS (350): {xml; u32 flags} -> {dom}. */
export const domainDefineXmlFlags = defineProcedure({
  name: 'DOMAIN_DEFINE_XML_FLAGS',
  procedure: RemoteProc.DOMAIN_DEFINE_XML_FLAGS,
  args: xdr.struct({ xml: nonnullString, flags: xdr.uint }),
  ret: domRet,
  priority: true,
});

/** REMOTE_PROC_DOMAIN_UNDEFINE_FLAGS (231): {dom; u32 flags} -> void. */
export const domainUndefineFlags = defineProcedure({
  name: 'DOMAIN_UNDEFINE_FLAGS',
  procedure: RemoteProc.DOMAIN_UNDEFINE_FLAGS,
  args: domFlagsArgs,
  ret: xdr.void,
  priority: true,
});

/** REMOTE_PROC_DOMAIN_CREATE_WITH_FLAGS (196): {dom; u32 flags} -> {dom} (with its new id). */
export const domainCreateWithFlags = defineProcedure({
  name: 'DOMAIN_CREATE_WITH_FLAGS',
  procedure: RemoteProc.DOMAIN_CREATE_WITH_FLAGS,
  args: domFlagsArgs,
  ret: domRet,
});

/** REMOTE_PROC_DOMAIN_CREATE_XML (10): {xml_desc; u32 flags} -> {dom} (transient domain). */
export const domainCreateXml = defineProcedure({
  name: 'DOMAIN_CREATE_XML',
  procedure: RemoteProc.DOMAIN_CREATE_XML,
  args: xdr.struct({ xmlDesc: nonnullString, flags: xdr.uint }),
  ret: domRet,
});

/** REMOTE_PROC_DOMAIN_SHUTDOWN_FLAGS (258): {dom; u32 flags} -> void. */
export const domainShutdownFlags = defineProcedure({
  name: 'DOMAIN_SHUTDOWN_FLAGS',
  procedure: RemoteProc.DOMAIN_SHUTDOWN_FLAGS,
  args: domFlagsArgs,
  ret: xdr.void,
});

/** REMOTE_PROC_DOMAIN_DESTROY_FLAGS (234): {dom; u32 flags} -> void. */
export const domainDestroyFlags = defineProcedure({
  name: 'DOMAIN_DESTROY_FLAGS',
  procedure: RemoteProc.DOMAIN_DESTROY_FLAGS,
  args: domFlagsArgs,
  ret: xdr.void,
  priority: true,
});

/** REMOTE_PROC_DOMAIN_REBOOT (27): {dom; u32 flags} -> void. */
export const domainReboot = defineProcedure({
  name: 'DOMAIN_REBOOT',
  procedure: RemoteProc.DOMAIN_REBOOT,
  args: domFlagsArgs,
  ret: xdr.void,
});

/** REMOTE_PROC_DOMAIN_RESET (245): {dom; u32 flags} -> void. */
export const domainReset = defineProcedure({
  name: 'DOMAIN_RESET',
  procedure: RemoteProc.DOMAIN_RESET,
  args: domFlagsArgs,
  ret: xdr.void,
});

/** REMOTE_PROC_DOMAIN_SUSPEND (34): {dom} -> void. */
export const domainSuspend = defineProcedure({
  name: 'DOMAIN_SUSPEND',
  procedure: RemoteProc.DOMAIN_SUSPEND,
  args: domArgs,
  ret: xdr.void,
});

/** REMOTE_PROC_DOMAIN_RESUME (28): {dom} -> void. */
export const domainResume = defineProcedure({
  name: 'DOMAIN_RESUME',
  procedure: RemoteProc.DOMAIN_RESUME,
  args: domArgs,
  ret: xdr.void,
});

/** REMOTE_PROC_DOMAIN_MANAGED_SAVE (182): {dom; u32 flags} -> void. */
export const domainManagedSave = defineProcedure({
  name: 'DOMAIN_MANAGED_SAVE',
  procedure: RemoteProc.DOMAIN_MANAGED_SAVE,
  args: domFlagsArgs,
  ret: xdr.void,
});

/** REMOTE_PROC_DOMAIN_MANAGED_SAVE_REMOVE (184): {dom; u32 flags} -> void. */
export const domainManagedSaveRemove = defineProcedure({
  name: 'DOMAIN_MANAGED_SAVE_REMOVE',
  procedure: RemoteProc.DOMAIN_MANAGED_SAVE_REMOVE,
  args: domFlagsArgs,
  ret: xdr.void,
});

/** REMOTE_PROC_DOMAIN_HAS_MANAGED_SAVE_IMAGE (183): {dom; u32 flags} -> {int result}. */
export const domainHasManagedSaveImage = defineProcedure({
  name: 'DOMAIN_HAS_MANAGED_SAVE_IMAGE',
  procedure: RemoteProc.DOMAIN_HAS_MANAGED_SAVE_IMAGE,
  args: domFlagsArgs,
  ret: xdr.struct({ result: xdr.int }),
});

/** REMOTE_PROC_DOMAIN_RENAME (358): {dom; remote_string new_name; u32 flags} -> {int retcode}. */
export const domainRename = defineProcedure({
  name: 'DOMAIN_RENAME',
  procedure: RemoteProc.DOMAIN_RENAME,
  args: xdr.struct({ dom: domainRef, newName: xdr.optional(nonnullString), flags: xdr.uint }),
  ret: xdr.struct({ retcode: xdr.int }),
});
