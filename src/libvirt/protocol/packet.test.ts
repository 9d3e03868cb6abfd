// Golden bytes of whole packets as libvirtd puts them on the wire (hand-computed from virnetprotocol.x).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeHeader, encodePacket, HEADER_SIZE, MessageStatus, MessageType, Program } from './packet.js';
import { FrameDecoder } from './frame-decoder.js';
import { KeepaliveProc, RemoteProc } from './procedures.js';
import { remoteString } from './remote-types.js';
import { decode, encode, xdr } from '../xdr/codec.js';
import { decodeRemoteError } from '../errors/remote-error.js';
import { LibvirtError } from '../errors/libvirt-error.js';
import { LibvirtProtocolError } from '../errors/libvirt-protocol-error.js';

const h = (s: string): string => s.replace(/\s+/g, '');
const bytes = (s: string): Buffer => Buffer.from(h(s), 'hex');

const CONNECT_OPEN_CALL = `
  00000038 20008086 00000001 00000001 00000000 00000001 00000000
  00000001 0000000e 71656d75 3a2f2f2f 73797374 656d0000 00000000`;

const GET_STATE_REPLY = `
  00000024 20008086 00000001 000000d4 00000001 00000005 00000000
  00000001 00000001`;

const NO_DOMAIN_REPLY = `
  00000064 20008086 00000001 00000017 00000001 00000002 00000001
  0000002a 0000000a
  00000001 00000010 446f6d61 696e206e 6f742066 6f756e64
  00000002 00000000
  00000001 00000003 766d3100 00000000 00000000
  00000000 00000000 00000000`;

const PING = '0000001c 6b656570 00000001 00000001 00000002 00000000 00000000';

describe('packets', () => {
  it('CONNECT_OPEN call {name: "qemu:///system", flags: 0}, serial 1', () => {
    const args = xdr.struct({ name: remoteString, flags: xdr.uint });
    const payload = encode(args, { name: 'qemu:///system', flags: 0 });
    const header = {
      program: Program.REMOTE,
      version: 1,
      procedure: RemoteProc.CONNECT_OPEN,
      type: MessageType.CALL,
      serial: 1,
      status: MessageStatus.OK,
    };
    assert.equal(encodePacket(header, payload).toString('hex'), h(CONNECT_OPEN_CALL));
  });

  it('DOMAIN_GET_STATE reply {state 1 RUNNING, reason 1 BOOTED}', () => {
    const [packet, ...rest] = new FrameDecoder().push(bytes(GET_STATE_REPLY));
    assert.equal(rest.length, 0);
    assert.ok(packet);
    assert.deepEqual(packet.header, {
      program: Program.REMOTE,
      version: 1,
      procedure: RemoteProc.DOMAIN_GET_STATE,
      type: MessageType.REPLY,
      serial: 5,
      status: MessageStatus.OK,
    });
    assert.deepEqual(decode(xdr.struct({ state: xdr.int, reason: xdr.int }), packet.payload), {
      state: 1,
      reason: 1,
    });
    assert.equal(encodePacket(packet.header, packet.payload).toString('hex'), h(GET_STATE_REPLY));
  });

  it('REPLY ERROR with remote_error becomes a LibvirtError (code 42 -> isNoDomain)', () => {
    const [packet] = new FrameDecoder().push(bytes(NO_DOMAIN_REPLY));
    assert.ok(packet);
    assert.equal(packet.header.status, MessageStatus.ERROR);
    assert.equal(packet.header.procedure, RemoteProc.DOMAIN_LOOKUP_BY_NAME);
    const err = decodeRemoteError(packet.payload);
    assert.ok(err instanceof LibvirtError);
    assert.equal(err.code, 42);
    assert.equal(err.isNoDomain(), true);
    assert.equal(err.isNoNetwork(), false);
    assert.equal(err.codeName, 'VIR_ERR_NO_DOMAIN');
    assert.equal(err.domain, 10);
    assert.equal(err.domainName, 'VIR_FROM_QEMU');
    assert.equal(err.message, 'Domain not found');
    assert.equal(err.level, 2);
    assert.equal(err.str1, 'vm1');
    assert.equal(err.str2, null);
    assert.equal(err.dom, null);
    assert.equal(err.net, null);
    assert.equal(err.kind, 'libvirt');
  });

  it('keepalive PING: void MESSAGE on the KEEPALIVE program, serial 0', () => {
    const header = {
      program: Program.KEEPALIVE,
      version: 1,
      procedure: KeepaliveProc.PING,
      type: MessageType.MESSAGE,
      serial: 0,
      status: MessageStatus.OK,
    };
    assert.equal(encodePacket(header, Buffer.alloc(0)).toString('hex'), h(PING));
    const [packet] = new FrameDecoder().push(bytes(PING));
    assert.deepEqual(packet, { header, payload: Buffer.alloc(0) });
  });

  it('decodeHeader reads proc and status as signed', () => {
    const hdr = decodeHeader(bytes('20008086 00000001 ffffffff 00000003 ffffffff ffffffff'));
    assert.equal(hdr.procedure, -1);
    assert.equal(hdr.serial, 0xffffffff);
    assert.equal(hdr.status, -1);
    assert.throws(() => decodeHeader(Buffer.alloc(HEADER_SIZE - 1)), LibvirtProtocolError);
  });

  it('encodePacket rejects header fields out of range', () => {
    const bad = { program: -1, version: 1, procedure: 1, type: 0, serial: 1, status: 0 };
    assert.throws(() => encodePacket(bad, Buffer.alloc(0)), LibvirtProtocolError);
  });
});
