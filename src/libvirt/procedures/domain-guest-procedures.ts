// Why: procedures that reach into the guest through the QEMU guest agent (freeze/thaw file systems,
// raw agent commands). Shapes from libvirt's remote_protocol.x and qemu_protocol.x.
import { xdr } from '../xdr/index.js';
import { QemuProc, RemoteProc } from '../protocol/procedures.js';
import { Program } from '../protocol/packet.js';
import { DOMAIN_FSFREEZE_MOUNTPOINTS_MAX } from '../protocol/remote-types.js';
import { defineProcedure } from '../rpc/procedure-spec.js';
import { domainRef, nonnullString, optionalString } from './domain-shapes.js';

const fsArgs = xdr.struct({
  dom: domainRef,
  mountpoints: xdr.array(nonnullString, DOMAIN_FSFREEZE_MOUNTPOINTS_MAX),
  flags: xdr.uint,
});

/** REMOTE_PROC_DOMAIN_FSFREEZE (335): {dom; mountpoints<256>; u32 flags} -> {int filesystems}. */
export const domainFsfreeze = defineProcedure({
  name: 'DOMAIN_FSFREEZE',
  procedure: RemoteProc.DOMAIN_FSFREEZE,
  args: fsArgs,
  ret: xdr.struct({ filesystems: xdr.int }),
});

/** REMOTE_PROC_DOMAIN_FSTHAW (336): {dom; mountpoints<256>; u32 flags} -> {int filesystems}. */
export const domainFsthaw = defineProcedure({
  name: 'DOMAIN_FSTHAW',
  procedure: RemoteProc.DOMAIN_FSTHAW,
  args: fsArgs,
  ret: xdr.struct({ filesystems: xdr.int }),
});

/**
 * QEMU_PROC_DOMAIN_AGENT_COMMAND (QEMU program, 3): {dom; cmd; int timeout; u32 flags} -> {str? result}.
 * `timeout` in seconds, or -2 default, -1 block, 0 no wait.
 */
export const qemuDomainAgentCommand = defineProcedure({
  name: 'QEMU_DOMAIN_AGENT_COMMAND',
  program: Program.QEMU,
  procedure: QemuProc.DOMAIN_AGENT_COMMAND,
  args: xdr.struct({ dom: domainRef, cmd: nonnullString, timeout: xdr.int, flags: xdr.uint }),
  ret: xdr.struct({ result: optionalString }),
});
