// Why: the host-level questions a manager asks (CPU model and size, memory, per-cell free memory,
// CPU/memory counters, security driver, SMBIOS sysinfo), as data. Shapes checked against libvirt's
// src/remote/remote_protocol.x; note `char model[32]` is 32 XDR chars = 128 bytes on the wire.
import { xdr, type Codec } from '../xdr/index.js';
import { nodeStatParam } from '../xdr/typed-params.js';
import { RemoteProc } from '../protocol/procedures.js';
import {
  NODE_CPU_STATS_MAX,
  NODE_MAX_CELLS,
  NODE_MEMORY_STATS_MAX,
  SECURITY_DOI_MAX,
  SECURITY_MODEL_MAX,
  nonnullString,
} from '../protocol/remote-types.js';
import { defineProcedure } from '../rpc/procedure-spec.js';

/**
 * `char x<max>`: a counted array of XDR chars (4 bytes each), NUL-terminated C text inside. Decodes
 * to the text before the first NUL; encodes the text plus its NUL, as libvirtd sends it.
 */
function charString(max: number): Codec<string> {
  return xdr.transform(xdr.array(xdr.char, max), {
    decode: (chars) => {
      const bytes = Buffer.from(chars.map((c) => c & 0xff));
      const nul = bytes.indexOf(0);
      return bytes.toString('utf8', 0, nul === -1 ? bytes.length : nul);
    },
    encode: (text) => [...Buffer.from(`${text}\0`, 'utf8')].map((b) => (b > 127 ? b - 256 : b)),
  });
}

/** remote_node_get_info_ret (virNodeInfo): memory in KiB, mhz the nominal clock. */
const nodeInfoRet = xdr.struct({
  model: xdr.charArray(32),
  memory: xdr.uhyper,
  cpus: xdr.int,
  mhz: xdr.int,
  nodes: xdr.int,
  sockets: xdr.int,
  cores: xdr.int,
  threads: xdr.int,
});

/** REMOTE_PROC_NODE_GET_INFO (6): void -> {char model[32]; u hyper memory; int cpus, mhz, nodes, sockets, cores, threads}. */
export const nodeGetInfo = defineProcedure({
  name: 'NODE_GET_INFO',
  procedure: RemoteProc.NODE_GET_INFO,
  args: xdr.void,
  ret: nodeInfoRet,
  priority: true,
});

/** REMOTE_PROC_NODE_GET_CPU_STATS (227): {int cpuNum; int nparams; u32 flags} -> {params<16>; int nparams}. */
export const nodeGetCpuStats = defineProcedure({
  name: 'NODE_GET_CPU_STATS',
  procedure: RemoteProc.NODE_GET_CPU_STATS,
  args: xdr.struct({ cpuNum: xdr.int, nparams: xdr.int, flags: xdr.uint }),
  ret: xdr.struct({ params: xdr.array(nodeStatParam, NODE_CPU_STATS_MAX), nparams: xdr.int }),
  priority: true,
});

/** REMOTE_PROC_NODE_GET_MEMORY_STATS (228): {int nparams; int cellNum; u32 flags} -> {params<16>; int nparams}. */
export const nodeGetMemoryStats = defineProcedure({
  name: 'NODE_GET_MEMORY_STATS',
  procedure: RemoteProc.NODE_GET_MEMORY_STATS,
  args: xdr.struct({ nparams: xdr.int, cellNum: xdr.int, flags: xdr.uint }),
  ret: xdr.struct({ params: xdr.array(nodeStatParam, NODE_MEMORY_STATS_MAX), nparams: xdr.int }),
  priority: true,
});

/** REMOTE_PROC_NODE_GET_FREE_MEMORY (102): void -> {u hyper freeMem} (bytes). */
export const nodeGetFreeMemory = defineProcedure({
  name: 'NODE_GET_FREE_MEMORY',
  procedure: RemoteProc.NODE_GET_FREE_MEMORY,
  args: xdr.void,
  ret: xdr.struct({ freeMem: xdr.uhyper }),
  priority: true,
});

/** REMOTE_PROC_NODE_GET_CELLS_FREE_MEMORY (101): {int startCell; int maxcells} -> {u hyper cells<1024>} (bytes). */
export const nodeGetCellsFreeMemory = defineProcedure({
  name: 'NODE_GET_CELLS_FREE_MEMORY',
  procedure: RemoteProc.NODE_GET_CELLS_FREE_MEMORY,
  args: xdr.struct({ startCell: xdr.int, maxcells: xdr.int }),
  ret: xdr.struct({ cells: xdr.array(xdr.uhyper, NODE_MAX_CELLS) }),
  priority: true,
});

/** REMOTE_PROC_NODE_GET_SECURITY_MODEL (122): void -> {char model<257>; char doi<257>}. */
export const nodeGetSecurityModel = defineProcedure({
  name: 'NODE_GET_SECURITY_MODEL',
  procedure: RemoteProc.NODE_GET_SECURITY_MODEL,
  args: xdr.void,
  ret: xdr.struct({ model: charString(SECURITY_MODEL_MAX), doi: charString(SECURITY_DOI_MAX) }),
  priority: true,
});

/** REMOTE_PROC_CONNECT_GET_SYSINFO (203): {u32 flags} -> {str sysinfo} (SMBIOS as XML). */
export const connectGetSysinfo = defineProcedure({
  name: 'CONNECT_GET_SYSINFO',
  procedure: RemoteProc.CONNECT_GET_SYSINFO,
  args: xdr.struct({ flags: xdr.uint }),
  ret: xdr.struct({ sysinfo: nonnullString }),
  priority: true,
});
