// Why: the typed API classes only need "make a call, open a stream, hear messages". Depending on this
// structural subset (instead of RpcConnection or ReconnectingSession directly) lets every API class work
// over a plain connection, a reconnecting session, or a loopback fake in unit tests.
import type { Duplex } from 'node:stream';
import type { ProcedureSpec } from '../rpc/procedure-spec.js';

/** Per-call options understood by every RpcCaller. */
export interface CallOptions {
  /** Fail the call with a timeout error after this many milliseconds (default: the session's). */
  readonly timeoutMs?: number;
  /** Abort the call (the reply, if it ever arrives, is discarded). */
  readonly signal?: AbortSignal;
}

/** The result of opening a stream procedure: the reply body plus the bidirectional byte stream. */
export interface StreamResult<R> {
  readonly ret: R;
  readonly stream: Duplex;
}

/**
 * What the typed API layer needs from a libvirt RPC connection. Both `RpcConnection` and
 * `ReconnectingSession` satisfy it structurally.
 */
export interface RpcCaller {
  /** Send a CALL for `spec` and resolve with its decoded reply (rejects with a LibvirtError on ERROR). */
  call<A, R>(spec: ProcedureSpec<A, R>, args: A, opts?: CallOptions): Promise<R>;
  /** Send a CALL whose reply is followed by STREAM packets; resolves once the reply arrived. */
  openStream<A, R>(spec: ProcedureSpec<A, R>, args: A, opts?: CallOptions): Promise<StreamResult<R>>;
  /**
   * Listen for MESSAGE packets (events) of one program/procedure; `payload` is the raw XDR body.
   * Returns a function that removes the handler.
   */
  onMessage(program: number, procedure: number, handler: (payload: Buffer) => void): () => void;
  /** Present on reconnecting sessions: called after each successful reconnect (re-register events). */
  onReconnect?(handler: () => void): () => void;
}
