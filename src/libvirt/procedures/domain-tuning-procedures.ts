// Why: the procedures that change a domain's resources and devices, and read or set its tunables
// (typed parameters), as data. Shapes checked against libvirt's src/remote/remote_protocol.x.
import { xdr } from '../xdr/index.js';
import { typedParams } from '../xdr/typed-params.js';
import { RemoteProc } from '../protocol/procedures.js';
import {
  DOMAIN_BLKIO_PARAMETERS_MAX,
  DOMAIN_MEMORY_PARAMETERS_MAX,
  DOMAIN_SCHEDULER_PARAMETERS_MAX,
} from '../protocol/remote-types.js';
import { defineProcedure } from '../rpc/procedure-spec.js';
import { domArgs, domainRef, domXmlFlagsArgs, nonnullString } from './domain-shapes.js';

/** REMOTE_DOMAIN_{SCHEDULER,MEMORY,BLKIO}_PARAMETERS_MAX (all 16). */
const TUNABLE_PARAMS_MAX = Math.max(
  DOMAIN_SCHEDULER_PARAMETERS_MAX,
  DOMAIN_MEMORY_PARAMETERS_MAX,
  DOMAIN_BLKIO_PARAMETERS_MAX,
);

/** REMOTE_PROC_DOMAIN_SET_VCPUS_FLAGS (199): {dom; u32 nvcpus; u32 flags} -> void. */
export const domainSetVcpusFlags = defineProcedure({
  name: 'DOMAIN_SET_VCPUS_FLAGS',
  procedure: RemoteProc.DOMAIN_SET_VCPUS_FLAGS,
  args: xdr.struct({ dom: domainRef, nvcpus: xdr.uint, flags: xdr.uint }),
  ret: xdr.void,
});

/** REMOTE_PROC_DOMAIN_SET_MEMORY_FLAGS (204): {dom; u hyper memory (KiB); u32 flags} -> void. */
export const domainSetMemoryFlags = defineProcedure({
  name: 'DOMAIN_SET_MEMORY_FLAGS',
  procedure: RemoteProc.DOMAIN_SET_MEMORY_FLAGS,
  args: xdr.struct({ dom: domainRef, memory: xdr.uhyper, flags: xdr.uint }),
  ret: xdr.void,
});

/** REMOTE_PROC_DOMAIN_SET_MAX_MEMORY (30): {dom; u hyper memory (KiB)} -> void. */
export const domainSetMaxMemory = defineProcedure({
  name: 'DOMAIN_SET_MAX_MEMORY',
  procedure: RemoteProc.DOMAIN_SET_MAX_MEMORY,
  args: xdr.struct({ dom: domainRef, memory: xdr.uhyper }),
  ret: xdr.void,
  priority: true,
});

/** REMOTE_PROC_DOMAIN_BLOCK_RESIZE (251): {dom; disk; u hyper size; u32 flags} -> void. */
export const domainBlockResize = defineProcedure({
  name: 'DOMAIN_BLOCK_RESIZE',
  procedure: RemoteProc.DOMAIN_BLOCK_RESIZE,
  args: xdr.struct({ dom: domainRef, disk: nonnullString, size: xdr.uhyper, flags: xdr.uint }),
  ret: xdr.void,
});

/** REMOTE_PROC_DOMAIN_ATTACH_DEVICE_FLAGS (160): {dom; xml; u32 flags} -> void. */
export const domainAttachDeviceFlags = defineProcedure({
  name: 'DOMAIN_ATTACH_DEVICE_FLAGS',
  procedure: RemoteProc.DOMAIN_ATTACH_DEVICE_FLAGS,
  args: domXmlFlagsArgs,
  ret: xdr.void,
});

/** REMOTE_PROC_DOMAIN_DETACH_DEVICE_FLAGS (161): {dom; xml; u32 flags} -> void. */
export const domainDetachDeviceFlags = defineProcedure({
  name: 'DOMAIN_DETACH_DEVICE_FLAGS',
  procedure: RemoteProc.DOMAIN_DETACH_DEVICE_FLAGS,
  args: domXmlFlagsArgs,
  ret: xdr.void,
});

/** REMOTE_PROC_DOMAIN_UPDATE_DEVICE_FLAGS (174): {dom; xml; u32 flags} -> void. */
export const domainUpdateDeviceFlags = defineProcedure({
  name: 'DOMAIN_UPDATE_DEVICE_FLAGS',
  procedure: RemoteProc.DOMAIN_UPDATE_DEVICE_FLAGS,
  args: domXmlFlagsArgs,
  ret: xdr.void,
});

/** REMOTE_PROC_DOMAIN_GET_SCHEDULER_TYPE (56): {dom} -> {type; int nparams}. */
export const domainGetSchedulerType = defineProcedure({
  name: 'DOMAIN_GET_SCHEDULER_TYPE',
  procedure: RemoteProc.DOMAIN_GET_SCHEDULER_TYPE,
  args: domArgs,
  ret: xdr.struct({ type: nonnullString, nparams: xdr.int }),
});

/** REMOTE_PROC_DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS (223): {dom; int nparams; u32 flags} -> {params<16>}. */
export const domainGetSchedulerParametersFlags = defineProcedure({
  name: 'DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS',
  procedure: RemoteProc.DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS,
  args: xdr.struct({ dom: domainRef, nparams: xdr.int, flags: xdr.uint }),
  ret: xdr.struct({ params: typedParams(TUNABLE_PARAMS_MAX) }),
});

/** REMOTE_PROC_DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS (219): {dom; params<16>; u32 flags} -> void. */
export const domainSetSchedulerParametersFlags = defineProcedure({
  name: 'DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS',
  procedure: RemoteProc.DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS,
  args: xdr.struct({ dom: domainRef, params: typedParams(TUNABLE_PARAMS_MAX), flags: xdr.uint }),
  ret: xdr.void,
});

const getParamsArgs = xdr.struct({ dom: domainRef, nparams: xdr.int, flags: xdr.uint });
const getParamsRet = xdr.struct({ params: typedParams(TUNABLE_PARAMS_MAX), nparams: xdr.int });
const setParamsArgs = xdr.struct({
  dom: domainRef,
  params: typedParams(TUNABLE_PARAMS_MAX),
  flags: xdr.uint,
});

/** REMOTE_PROC_DOMAIN_GET_MEMORY_PARAMETERS (198): {dom; int nparams; u32 flags} -> {params<16>; int nparams}. */
export const domainGetMemoryParameters = defineProcedure({
  name: 'DOMAIN_GET_MEMORY_PARAMETERS',
  procedure: RemoteProc.DOMAIN_GET_MEMORY_PARAMETERS,
  args: getParamsArgs,
  ret: getParamsRet,
});

/** REMOTE_PROC_DOMAIN_SET_MEMORY_PARAMETERS (197): {dom; params<16>; u32 flags} -> void. */
export const domainSetMemoryParameters = defineProcedure({
  name: 'DOMAIN_SET_MEMORY_PARAMETERS',
  procedure: RemoteProc.DOMAIN_SET_MEMORY_PARAMETERS,
  args: setParamsArgs,
  ret: xdr.void,
});

/** REMOTE_PROC_DOMAIN_GET_BLKIO_PARAMETERS (206): {dom; int nparams; u32 flags} -> {params<16>; int nparams}. */
export const domainGetBlkioParameters = defineProcedure({
  name: 'DOMAIN_GET_BLKIO_PARAMETERS',
  procedure: RemoteProc.DOMAIN_GET_BLKIO_PARAMETERS,
  args: getParamsArgs,
  ret: getParamsRet,
});

/** REMOTE_PROC_DOMAIN_SET_BLKIO_PARAMETERS (205): {dom; params<16>; u32 flags} -> void. */
export const domainSetBlkioParameters = defineProcedure({
  name: 'DOMAIN_SET_BLKIO_PARAMETERS',
  procedure: RemoteProc.DOMAIN_SET_BLKIO_PARAMETERS,
  args: setParamsArgs,
  ret: xdr.void,
});
