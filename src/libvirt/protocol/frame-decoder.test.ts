// FrameDecoder: reassembly at every split point, several packets per chunk, and bounded memory.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FrameDecoder } from './frame-decoder.js';
import { encodePacket, MESSAGE_MAX, MessageStatus, MessageType, Program, type Packet } from './packet.js';
import { LibvirtProtocolError } from '../errors/libvirt-protocol-error.js';

function packet(serial: number, payload: Buffer): Buffer {
  return encodePacket(
    {
      program: Program.REMOTE,
      version: 1,
      procedure: 3,
      type: MessageType.REPLY,
      serial,
      status: MessageStatus.OK,
    },
    payload,
  );
}

const A = packet(1, Buffer.from('00000002616200000000000a', 'hex'));
const B = packet(2, Buffer.alloc(0));
const C = packet(3, Buffer.from('deadbeef', 'hex'));
const STREAM = Buffer.concat([A, B, C]);

function summary(packets: Packet[]): [number, string][] {
  return packets.map((p) => [p.header.serial, p.payload.toString('hex')]);
}
const EXPECTED = summary([
  {
    header: { program: 0, version: 0, procedure: 0, type: 0, serial: 1, status: 0 },
    payload: A.subarray(28),
  },
  {
    header: { program: 0, version: 0, procedure: 0, type: 0, serial: 2, status: 0 },
    payload: Buffer.alloc(0),
  },
  {
    header: { program: 0, version: 0, procedure: 0, type: 0, serial: 3, status: 0 },
    payload: C.subarray(28),
  },
]);

describe('FrameDecoder', () => {
  it('emits several packets from one chunk, in order', () => {
    const d = new FrameDecoder();
    assert.deepEqual(summary(d.push(STREAM)), EXPECTED);
    assert.equal(d.buffered, 0);
  });

  it('reassembles when the stream is split at every byte boundary', () => {
    for (let cut = 0; cut <= STREAM.length; cut++) {
      const d = new FrameDecoder();
      const out = [...d.push(STREAM.subarray(0, cut)), ...d.push(STREAM.subarray(cut))];
      assert.deepEqual(summary(out), EXPECTED, `split at ${cut}`);
    }
  });

  it('reassembles from one-byte chunks and from every pair of cuts', () => {
    const d = new FrameDecoder();
    const out: Packet[] = [];
    for (const byte of STREAM) out.push(...d.push(Buffer.from([byte])));
    assert.deepEqual(summary(out), EXPECTED);
    for (let i = 0; i < STREAM.length; i += 3) {
      for (let j = i; j < STREAM.length; j += 5) {
        const e = new FrameDecoder();
        const got = [
          ...e.push(STREAM.subarray(0, i)),
          ...e.push(STREAM.subarray(i, j)),
          ...e.push(STREAM.subarray(j)),
        ];
        assert.deepEqual(summary(got), EXPECTED, `cuts ${i},${j}`);
      }
    }
  });

  it('reassembles a large packet from uneven chunks (buffer growth keeps every byte)', () => {
    const body = Buffer.alloc(300_000);
    for (let i = 0; i < body.length; i++) body[i] = (i * 7) & 0xff;
    const wire = Buffer.concat([packet(7, body), C]);
    const d = new FrameDecoder();
    const out: Packet[] = [];
    for (let pos = 0; pos < wire.length; pos += 7001) out.push(...d.push(wire.subarray(pos, pos + 7001)));
    assert.equal(out.length, 2);
    assert.ok(out[0]?.payload.equals(body));
    assert.equal(out[1]?.payload.toString('hex'), 'deadbeef');
  });

  it('holds only what arrived for an announced but unfinished packet', () => {
    const d = new FrameDecoder();
    const wire = packet(1, Buffer.alloc(1_000_000));
    assert.deepEqual(d.push(wire.subarray(0, 100)), []);
    assert.equal(d.buffered, 100);
  });

  it('payloads do not alias the input chunk', () => {
    const input = Buffer.from(C);
    const [p] = new FrameDecoder().push(input);
    input.fill(0);
    assert.equal(p?.payload.toString('hex'), 'deadbeef');
  });

  it('rejects an oversize length from the length word alone, before buffering the body', () => {
    const d = new FrameDecoder({ maxMessage: 1024 });
    const word = Buffer.alloc(4);
    word.writeUInt32BE(1024 + 4 + 1);
    assert.throws(() => d.push(word), /exceeds the limit of 1028 bytes/);
    assert.equal(d.buffered, 0);
    // Stays failed: the stream position is lost.
    assert.throws(() => d.push(Buffer.alloc(4)), LibvirtProtocolError);
  });

  it('rejects 0xffffffff with the default limit, and accepts a packet exactly at the limit', () => {
    assert.throws(() => new FrameDecoder().push(Buffer.from('ffffffff', 'hex')), LibvirtProtocolError);
    const d = new FrameDecoder({ maxMessage: 64 });
    const [p] = d.push(packet(9, Buffer.alloc(64 - 24)));
    assert.equal(p?.payload.length, 40);
  });

  it('the default limit accepts messages above the legacy 16 MiB (newer libvirt)', () => {
    const word = Buffer.alloc(4);
    word.writeUInt32BE(MESSAGE_MAX + 4 + 1);
    const d = new FrameDecoder();
    assert.deepEqual(d.push(word), []);
    assert.equal(d.buffered, 4);
  });

  it('rejects a length shorter than a header', () => {
    assert.throws(() => new FrameDecoder().push(Buffer.from('0000001b', 'hex')), /shorter than a header/);
    assert.throws(() => new FrameDecoder().push(Buffer.from('00000000', 'hex')), LibvirtProtocolError);
  });

  it('rejects a nonsensical maxMessage', () => {
    assert.throws(() => new FrameDecoder({ maxMessage: 10 }), RangeError);
  });
});
