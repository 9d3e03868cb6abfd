// Why: each libvirt procedure is data (program, number, argument and reply codecs), not code. The typed
// API layer declares hundreds of these; the connection needs nothing else to send a call and decode it.
import type { Codec } from '../xdr/codec.js';
import { Program } from '../protocol/packet.js';

/** Everything the connection needs to make one kind of call: where it goes and how to (de)serialise. */
export interface ProcedureSpec<A, R> {
  /** Name for messages, e.g. `CONNECT_OPEN`. */
  readonly name: string;
  /** Program number (Program.REMOTE, Program.QEMU, ...). */
  readonly program: number;
  /** Program version (1 for every libvirt program). */
  readonly version: number;
  /** Procedure number within the program. */
  readonly procedure: number;
  /** Codec of the CALL payload (`*_args`; a void codec when the procedure takes none). */
  readonly args: Codec<A>;
  /** Codec of the REPLY payload (`*_ret`; a void codec when there is none). */
  readonly ret: Codec<R>;
  /** Jump the client-side queue ahead of ordinary calls (libvirt's high-priority procedures). */
  readonly priority?: boolean;
}

/** Input of {@link defineProcedure}: program defaults to REMOTE and version to 1. */
export interface ProcedureDefinition<A, R> {
  readonly name: string;
  readonly program?: number;
  readonly version?: number;
  readonly procedure: number;
  readonly args: Codec<A>;
  readonly ret: Codec<R>;
  readonly priority?: boolean;
}

/**
 * Declare a procedure (frozen). Example:
 * `defineProcedure({ name: 'CONNECT_GET_HOSTNAME', procedure: RemoteProc.CONNECT_GET_HOSTNAME, args: xdr.void, ret: hostnameRet })`.
 */
export function defineProcedure<A, R>(def: ProcedureDefinition<A, R>): ProcedureSpec<A, R> {
  const spec: ProcedureSpec<A, R> = {
    name: def.name,
    program: def.program ?? Program.REMOTE,
    version: def.version ?? 1,
    procedure: def.procedure,
    args: def.args,
    ret: def.ret,
    ...(def.priority === undefined ? {} : { priority: def.priority }),
  };
  return Object.freeze(spec);
}
