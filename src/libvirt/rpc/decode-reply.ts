// Why: turning a REPLY packet into a call's result has several failure shapes (wrong procedure, daemon
// error, undecodable body, odd status); as a pure function each is easy to see and to test, and none
// can throw into the socket handler.
import { decode } from '../xdr/codec.js';
import { MessageStatus, type PacketHeader } from '../protocol/packet.js';
import { LibvirtProtocolError } from '../errors/index.js';
import type { ProcedureSpec } from './procedure-spec.js';
import { errorFromPayload } from './error-from-payload.js';

/** The decoded reply value, or the error the call rejects with. */
export type ReplyOutcome =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: Error };

/** Decode a REPLY for `spec`: OK -> its `ret`; ERROR -> LibvirtError; anything odd -> LibvirtProtocolError. */
export function decodeReply(
  spec: ProcedureSpec<unknown, unknown>,
  header: PacketHeader,
  payload: Buffer,
): ReplyOutcome {
  if (header.program !== spec.program || header.procedure !== spec.procedure) {
    const where = `program ${header.program} procedure ${header.procedure}`;
    return fail(`reply to ${spec.name} (serial ${header.serial}) names ${where}`);
  }
  if (header.status === MessageStatus.ERROR) return { ok: false, error: errorFromPayload(payload) };
  if (header.status !== MessageStatus.OK) {
    return fail(`reply to ${spec.name} has unexpected status ${header.status}`);
  }
  try {
    return { ok: true, value: decode(spec.ret, payload) };
  } catch (err) {
    return fail(`undecodable reply to ${spec.name}`, err);
  }
}

function fail(message: string, cause?: unknown): ReplyOutcome {
  return { ok: false, error: new LibvirtProtocolError(message, cause === undefined ? {} : { cause }) };
}
