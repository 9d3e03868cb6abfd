// Tests reply decoding: OK body, daemon error, mismatched procedure, odd status, undecodable bodies.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { xdr, encode } from '../xdr/codec.js';
import { MessageStatus, MessageType, Program, type PacketHeader } from '../protocol/packet.js';
import { LibvirtError, LibvirtProtocolError, remoteError } from '../errors/index.js';
import { decodeReply } from './decode-reply.js';
import { defineProcedure } from './procedure-spec.js';

const spec = defineProcedure({
  name: 'TEST',
  procedure: 7,
  args: xdr.void,
  ret: xdr.struct({ n: xdr.int }),
});
const header = (over: Partial<PacketHeader> = {}): PacketHeader => ({
  program: Program.REMOTE,
  version: 1,
  procedure: 7,
  type: MessageType.REPLY,
  serial: 3,
  status: MessageStatus.OK,
  ...over,
});
const errorBody = encode(remoteError, {
  code: 42,
  domain: 10,
  message: 'Domain not found',
  level: 2,
  dom: null,
  str1: null,
  str2: null,
  str3: null,
  int1: 0,
  int2: 0,
  net: null,
});

function errorOf(outcome: ReturnType<typeof decodeReply>): Error {
  assert.equal(outcome.ok, false);
  return (outcome as { error: Error }).error;
}

describe('decodeReply', () => {
  it('decodes the ret of an OK reply', () => {
    assert.deepEqual(decodeReply(spec, header(), encode(spec.ret, { n: 5 })), { ok: true, value: { n: 5 } });
  });

  it('turns an ERROR reply into a LibvirtError', () => {
    const err = errorOf(decodeReply(spec, header({ status: MessageStatus.ERROR }), errorBody));
    assert.ok(err instanceof LibvirtError);
    assert.equal(err.code, 42);
    assert.equal(err.message, 'Domain not found');
  });

  it('rejects a reply naming another procedure or program', () => {
    const body = encode(spec.ret, { n: 1 });
    assert.ok(errorOf(decodeReply(spec, header({ procedure: 8 }), body)) instanceof LibvirtProtocolError);
    assert.ok(
      errorOf(decodeReply(spec, header({ program: Program.QEMU }), body)) instanceof LibvirtProtocolError,
    );
  });

  it('rejects an odd status and undecodable bodies with LibvirtProtocolError', () => {
    const body = encode(spec.ret, { n: 1 });
    assert.ok(
      errorOf(decodeReply(spec, header({ status: MessageStatus.CONTINUE }), body)) instanceof
        LibvirtProtocolError,
    );
    const short = errorOf(decodeReply(spec, header(), Buffer.alloc(2)));
    assert.ok(short instanceof LibvirtProtocolError);
    assert.ok(short.cause instanceof Error, 'the XDR error is the cause');
    const trailing = Buffer.concat([body, Buffer.alloc(4)]);
    assert.ok(errorOf(decodeReply(spec, header(), trailing)) instanceof LibvirtProtocolError);
    const badError = errorOf(decodeReply(spec, header({ status: MessageStatus.ERROR }), Buffer.alloc(3)));
    assert.ok(badError instanceof LibvirtProtocolError);
  });
});
