// Why: every libvirt RPC message is a length word, a fixed 24-byte header and a payload
// (src/rpc/virnetprotocol.x). These constants and the encoder are shared by the client and test peers.
import { LibvirtProtocolError } from '../errors/libvirt-protocol-error.js';

/** RPC program numbers (virnetprotocol.x / remote_protocol.x / qemu_protocol.x / lxc_protocol.x). */
export const Program = {
  REMOTE: 0x20008086,
  QEMU: 0x20008087,
  LXC: 0x00068000,
  KEEPALIVE: 0x6b656570,
} as const;
/**
 * One of {@link Program}.
 * @public
 */
export type ProgramNumber = (typeof Program)[keyof typeof Program];

/**
 * Version of every program above.
 * @public
 */
export const PROGRAM_VERSION = 1;

/** virNetMessageType. The *_WITH_FDS types need SCM_RIGHTS, which Node's net cannot do. */
export const MessageType = {
  CALL: 0,
  REPLY: 1,
  MESSAGE: 2,
  STREAM: 3,
  CALL_WITH_FDS: 4,
  REPLY_WITH_FDS: 5,
  STREAM_HOLE: 6,
} as const;
/**
 * One of {@link MessageType}.
 * @public
 */
export type MessageTypeValue = (typeof MessageType)[keyof typeof MessageType];

/** virNetMessageStatus. CONTINUE is only used by STREAM packets carrying data. */
export const MessageStatus = { OK: 0, ERROR: 1, CONTINUE: 2 } as const;
/**
 * One of {@link MessageStatus}.
 * @public
 */
export type MessageStatusValue = (typeof MessageStatus)[keyof typeof MessageStatus];

/**
 * VIR_NET_MESSAGE_MAX of libvirt up to 9.x: header + payload, excluding the length word (16 MiB).
 * Use it as the limit for what we SEND, so older daemons accept every packet.
 */
export const MESSAGE_MAX = 16777216;
/**
 * Default RECEIVE limit (header + payload) of {@link FrameDecoder}: VIR_NET_MESSAGE_MAX of current
 * libvirt (32 MiB), so replies from newer daemons are accepted; configurable per connection.
 */
export const DEFAULT_RECEIVE_MAX = 33554432;
/** Serialised header size (VIR_NET_MESSAGE_HEADER_MAX). */
export const HEADER_SIZE = 24;
/** Size of the length word before each header (VIR_NET_MESSAGE_LEN_MAX). */
export const LENGTH_SIZE = 4;
/** Smallest valid total length: length word + header, empty payload. */
export const MIN_PACKET_SIZE = LENGTH_SIZE + HEADER_SIZE;
/**
 * VIR_NET_MESSAGE_INITIAL: libvirt's first buffer size.
 * @public
 */
export const MESSAGE_INITIAL = 65536;
/**
 * VIR_NET_MESSAGE_LEGACY_PAYLOAD_MAX: payload limit of very old peers.
 * @public
 */
export const LEGACY_PAYLOAD_MAX = 262120;
/**
 * VIR_NET_MESSAGE_STRING_MAX.
 * @public
 */
export const NET_MESSAGE_STRING_MAX = 4194304;

/** The header fields after the length word. */
export interface PacketHeader {
  program: number;
  version: number;
  procedure: number;
  type: number;
  serial: number;
  status: number;
}

/** A header with its payload (XDR, raw stream bytes, or empty). */
export interface Packet {
  header: PacketHeader;
  payload: Buffer;
}

/**
 * Serialise one packet: u32 total length (including itself), prog, vers, proc (i32), type (i32),
 * serial (u32), status (i32), payload. Throws LibvirtProtocolError for fields out of range.
 */
export function encodePacket(header: PacketHeader, payload: Buffer): Buffer {
  const total = MIN_PACKET_SIZE + payload.length;
  if (total > 0xffffffff) throw new LibvirtProtocolError(`packet of ${total} bytes cannot be framed`);
  const out = Buffer.allocUnsafe(total);
  try {
    out.writeUInt32BE(total, 0);
    out.writeUInt32BE(header.program, 4);
    out.writeUInt32BE(header.version, 8);
    out.writeInt32BE(header.procedure, 12);
    out.writeInt32BE(header.type, 16);
    out.writeUInt32BE(header.serial, 20);
    out.writeInt32BE(header.status, 24);
  } catch (err) {
    throw new LibvirtProtocolError(`invalid packet header ${JSON.stringify(header)}`, { cause: err });
  }
  payload.copy(out, MIN_PACKET_SIZE);
  return out;
}

/** Parse the 24 header bytes at `offset` (just after the length word). */
export function decodeHeader(buf: Buffer, offset = 0): PacketHeader {
  if (buf.length - offset < HEADER_SIZE) throw new LibvirtProtocolError('truncated packet header');
  return {
    program: buf.readUInt32BE(offset),
    version: buf.readUInt32BE(offset + 4),
    procedure: buf.readInt32BE(offset + 8),
    type: buf.readInt32BE(offset + 12),
    serial: buf.readUInt32BE(offset + 16),
    status: buf.readInt32BE(offset + 20),
  };
}
