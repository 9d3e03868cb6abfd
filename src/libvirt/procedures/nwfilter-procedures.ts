// Why: network filters (the rule sets) and their bindings to guest ports, as data. Shapes checked
// against libvirt's src/remote/remote_protocol.x.
import { xdr } from '../xdr/index.js';
import { RemoteProc } from '../protocol/procedures.js';
import {
  NWFILTER_BINDING_LIST_MAX,
  NWFILTER_LIST_MAX,
  nonnullNwfilter,
  nonnullNwfilterBinding,
  nonnullString,
  remoteUuid,
} from '../protocol/remote-types.js';
import { defineProcedure } from '../rpc/procedure-spec.js';

/** `{remote_nonnull_nwfilter nwfilter}` (args and reply). */
const filterStruct = xdr.struct({ nwfilter: nonnullNwfilter });
/** `{remote_nonnull_nwfilter_binding nwfilter}` (args and reply; the field is named nwfilter). */
const bindingStruct = xdr.struct({ nwfilter: nonnullNwfilterBinding });
/** `{remote_nonnull_string xml}` reply. */
const xmlRet = xdr.struct({ xml: nonnullString });

/** REMOTE_PROC_CONNECT_LIST_ALL_NWFILTERS (286): {int need_results; u32 flags} -> {filters<16384>; u32 ret}. */
export const connectListAllNwfilters = defineProcedure({
  name: 'CONNECT_LIST_ALL_NWFILTERS',
  procedure: RemoteProc.CONNECT_LIST_ALL_NWFILTERS,
  args: xdr.struct({ needResults: xdr.int, flags: xdr.uint }),
  ret: xdr.struct({ filters: xdr.array(nonnullNwfilter, NWFILTER_LIST_MAX), ret: xdr.uint }),
  priority: true,
});

/** REMOTE_PROC_NWFILTER_LOOKUP_BY_NAME (175): {name} -> {nwfilter}. */
export const nwfilterLookupByName = defineProcedure({
  name: 'NWFILTER_LOOKUP_BY_NAME',
  procedure: RemoteProc.NWFILTER_LOOKUP_BY_NAME,
  args: xdr.struct({ name: nonnullString }),
  ret: filterStruct,
  priority: true,
});

/** REMOTE_PROC_NWFILTER_LOOKUP_BY_UUID (176): {opaque uuid[16]} -> {nwfilter}. */
export const nwfilterLookupByUuid = defineProcedure({
  name: 'NWFILTER_LOOKUP_BY_UUID',
  procedure: RemoteProc.NWFILTER_LOOKUP_BY_UUID,
  args: xdr.struct({ uuid: remoteUuid }),
  ret: filterStruct,
  priority: true,
});

/** REMOTE_PROC_NWFILTER_DEFINE_XML (180): {str xml} -> {nwfilter}. */
export const nwfilterDefineXml = defineProcedure({
  name: 'NWFILTER_DEFINE_XML',
  procedure: RemoteProc.NWFILTER_DEFINE_XML,
  args: xdr.struct({ xml: nonnullString }),
  ret: filterStruct,
  priority: true,
});

/** REMOTE_PROC_NWFILTER_UNDEFINE (181): {nwfilter} -> void. */
export const nwfilterUndefine = defineProcedure({
  name: 'NWFILTER_UNDEFINE',
  procedure: RemoteProc.NWFILTER_UNDEFINE,
  args: filterStruct,
  ret: xdr.void,
  priority: true,
});

/** REMOTE_PROC_NWFILTER_GET_XML_DESC (177): {nwfilter; u32 flags} -> {xml}. */
export const nwfilterGetXmlDesc = defineProcedure({
  name: 'NWFILTER_GET_XML_DESC',
  procedure: RemoteProc.NWFILTER_GET_XML_DESC,
  args: xdr.struct({ nwfilter: nonnullNwfilter, flags: xdr.uint }),
  ret: xmlRet,
  priority: true,
});

/**
 * REMOTE_PROC_CONNECT_LIST_ALL_NWFILTER_BINDINGS (401): {int need_results; u32 flags} ->
 * {bindings<16384>; u32 ret}.
 */
export const connectListAllNwfilterBindings = defineProcedure({
  name: 'CONNECT_LIST_ALL_NWFILTER_BINDINGS',
  procedure: RemoteProc.CONNECT_LIST_ALL_NWFILTER_BINDINGS,
  args: xdr.struct({ needResults: xdr.int, flags: xdr.uint }),
  ret: xdr.struct({ bindings: xdr.array(nonnullNwfilterBinding, NWFILTER_BINDING_LIST_MAX), ret: xdr.uint }),
  priority: true,
});

/** REMOTE_PROC_NWFILTER_BINDING_LOOKUP_BY_PORT_DEV (397): {str name} -> {nwfilter binding}. */
export const nwfilterBindingLookupByPortDev = defineProcedure({
  name: 'NWFILTER_BINDING_LOOKUP_BY_PORT_DEV',
  procedure: RemoteProc.NWFILTER_BINDING_LOOKUP_BY_PORT_DEV,
  args: xdr.struct({ name: nonnullString }),
  ret: bindingStruct,
  priority: true,
});

/** REMOTE_PROC_NWFILTER_BINDING_CREATE_XML (399): {str xml; u32 flags} -> {nwfilter binding}. */
export const nwfilterBindingCreateXml = defineProcedure({
  name: 'NWFILTER_BINDING_CREATE_XML',
  procedure: RemoteProc.NWFILTER_BINDING_CREATE_XML,
  args: xdr.struct({ xml: nonnullString, flags: xdr.uint }),
  ret: bindingStruct,
  priority: true,
});

/** REMOTE_PROC_NWFILTER_BINDING_DELETE (400): {nwfilter binding} -> void. */
export const nwfilterBindingDelete = defineProcedure({
  name: 'NWFILTER_BINDING_DELETE',
  procedure: RemoteProc.NWFILTER_BINDING_DELETE,
  args: bindingStruct,
  ret: xdr.void,
  priority: true,
});

/** REMOTE_PROC_NWFILTER_BINDING_GET_XML_DESC (398): {nwfilter binding; u32 flags} -> {xml}. */
export const nwfilterBindingGetXmlDesc = defineProcedure({
  name: 'NWFILTER_BINDING_GET_XML_DESC',
  procedure: RemoteProc.NWFILTER_BINDING_GET_XML_DESC,
  args: xdr.struct({ nwfilter: nonnullNwfilterBinding, flags: xdr.uint }),
  ret: xmlRet,
  priority: true,
});
