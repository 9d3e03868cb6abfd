// Why: the friendly TypeScript shapes shared by every domain procedure and API method.

/** remote_nonnull_domain: how the protocol names a domain (id is -1 while inactive). */
export interface DomainRef {
  readonly name: string;
  readonly uuid: Buffer;
  readonly id: number;
}

/** Format a 16-byte uuid as the usual 8-4-4-4-12 lowercase hex string. */
export function uuidString(uuid: Buffer | Uint8Array): string {
  const h = Buffer.from(uuid).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Parse an 8-4-4-4-12 (or bare 32-hex) uuid string into 16 bytes. */
export function parseUuid(text: string): Buffer {
  const hex = text.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new TypeError(`not a UUID: ${JSON.stringify(text)}`);
  return Buffer.from(hex, 'hex');
}
