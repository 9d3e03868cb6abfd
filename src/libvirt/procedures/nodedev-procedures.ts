// Why: host devices (PCI, USB, net, storage...) as libvirt's node-device driver sees them, and the
// calls that hand a PCI device to vfio and back, as data. Shapes checked against libvirt's
// src/remote/remote_protocol.x. Note: most calls name the device by its string name, not a struct.
import { xdr } from '../xdr/index.js';
import { RemoteProc } from '../protocol/procedures.js';
import {
  NODE_DEVICE_CAPS_LIST_MAX,
  NODE_DEVICE_LIST_MAX,
  nonnullNodeDevice,
  nonnullString,
  remoteString,
} from '../protocol/remote-types.js';
import { defineProcedure } from '../rpc/procedure-spec.js';

/** `{remote_nonnull_string name}`. */
const nameArgs = xdr.struct({ name: nonnullString });

/** REMOTE_PROC_CONNECT_LIST_ALL_NODE_DEVICES (285): {int need_results; u32 flags} -> {devices<65536>; u32 ret}. */
export const connectListAllNodeDevices = defineProcedure({
  name: 'CONNECT_LIST_ALL_NODE_DEVICES',
  procedure: RemoteProc.CONNECT_LIST_ALL_NODE_DEVICES,
  args: xdr.struct({ needResults: xdr.int, flags: xdr.uint }),
  ret: xdr.struct({ devices: xdr.array(nonnullNodeDevice, NODE_DEVICE_LIST_MAX), ret: xdr.uint }),
  priority: true,
});

/** REMOTE_PROC_NODE_DEVICE_LOOKUP_BY_NAME (113): {name} -> {dev}. */
export const nodeDeviceLookupByName = defineProcedure({
  name: 'NODE_DEVICE_LOOKUP_BY_NAME',
  procedure: RemoteProc.NODE_DEVICE_LOOKUP_BY_NAME,
  args: nameArgs,
  ret: xdr.struct({ dev: nonnullNodeDevice }),
  priority: true,
});

/** REMOTE_PROC_NODE_DEVICE_GET_XML_DESC (114): {str name; u32 flags} -> {xml}. */
export const nodeDeviceGetXmlDesc = defineProcedure({
  name: 'NODE_DEVICE_GET_XML_DESC',
  procedure: RemoteProc.NODE_DEVICE_GET_XML_DESC,
  args: xdr.struct({ name: nonnullString, flags: xdr.uint }),
  ret: xdr.struct({ xml: nonnullString }),
});

/** REMOTE_PROC_NODE_DEVICE_GET_PARENT (115): {str name} -> {str? parentName}. */
export const nodeDeviceGetParent = defineProcedure({
  name: 'NODE_DEVICE_GET_PARENT',
  procedure: RemoteProc.NODE_DEVICE_GET_PARENT,
  args: nameArgs,
  ret: xdr.struct({ parentName: remoteString }),
  priority: true,
});

/** REMOTE_PROC_NODE_DEVICE_NUM_OF_CAPS (116): {str name} -> {int num}. */
export const nodeDeviceNumOfCaps = defineProcedure({
  name: 'NODE_DEVICE_NUM_OF_CAPS',
  procedure: RemoteProc.NODE_DEVICE_NUM_OF_CAPS,
  args: nameArgs,
  ret: xdr.struct({ num: xdr.int }),
  priority: true,
});

/** REMOTE_PROC_NODE_DEVICE_LIST_CAPS (117): {str name; int maxnames} -> {str names<65536>}. */
export const nodeDeviceListCaps = defineProcedure({
  name: 'NODE_DEVICE_LIST_CAPS',
  procedure: RemoteProc.NODE_DEVICE_LIST_CAPS,
  args: xdr.struct({ name: nonnullString, maxnames: xdr.int }),
  ret: xdr.struct({ names: xdr.array(nonnullString, NODE_DEVICE_CAPS_LIST_MAX) }),
  priority: true,
});

/** REMOTE_PROC_NODE_DEVICE_DETACH_FLAGS (301): {str name; str? driverName; u32 flags} -> void. */
export const nodeDeviceDetachFlags = defineProcedure({
  name: 'NODE_DEVICE_DETACH_FLAGS',
  procedure: RemoteProc.NODE_DEVICE_DETACH_FLAGS,
  args: xdr.struct({ name: nonnullString, driverName: remoteString, flags: xdr.uint }),
  ret: xdr.void,
});

/** REMOTE_PROC_NODE_DEVICE_RE_ATTACH (119): {str name} -> void. */
export const nodeDeviceReAttach = defineProcedure({
  name: 'NODE_DEVICE_RE_ATTACH',
  procedure: RemoteProc.NODE_DEVICE_RE_ATTACH,
  args: nameArgs,
  ret: xdr.void,
});

/** REMOTE_PROC_NODE_DEVICE_RESET (120): {str name} -> void. */
export const nodeDeviceReset = defineProcedure({
  name: 'NODE_DEVICE_RESET',
  procedure: RemoteProc.NODE_DEVICE_RESET,
  args: nameArgs,
  ret: xdr.void,
});
