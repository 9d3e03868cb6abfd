// Why: ssh2 leaves host-key checking to the caller. Connecting to a hypervisor as root without checking
// its key hands the host to whoever answers, so hv reads OpenSSH's known_hosts format itself (plain and
// hashed `|1|salt|hash` names, `[host]:port`, wildcards, negation, `@revoked`) and refuses unknown or
// changed keys the way `ssh` does.
import { createHash, createHmac } from 'node:crypto';

/** One usable line of a known_hosts file. */
export interface KnownHostEntry {
  /** 1-based line number, for messages. */
  readonly line: number;
  /** `@revoked` lines list keys that must be refused for the matching hosts. */
  readonly revoked: boolean;
  /** The host field: comma-separated patterns, or one hashed `|1|salt|hash` name. */
  readonly hosts: string;
  /** Key type as written, e.g. `ssh-ed25519`. */
  readonly keyType: string;
  /** The public key blob (SSH wire format). */
  readonly key: Buffer;
}

/** Outcome of checking a server's key. */
export type HostKeyVerdict =
  | { readonly status: 'known'; readonly line: number }
  | { readonly status: 'unknown'; readonly otherTypes: readonly string[] }
  | { readonly status: 'changed'; readonly lines: readonly number[] }
  | { readonly status: 'revoked'; readonly line: number };

/**
 * Parse known_hosts text. Comments, blank lines, `@cert-authority` lines (host certificates are not
 * supported) and malformed lines are skipped.
 */
export function parseKnownHosts(text: string): KnownHostEntry[] {
  const out: KnownHostEntry[] = [];
  text.split('\n').forEach((raw, i) => {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === undefined || fields[0] === '' || fields[0].startsWith('#')) return;
    let revoked = false;
    if (fields[0].startsWith('@')) {
      if (fields[0] !== '@revoked') return;
      revoked = true;
      fields.shift();
    }
    if (fields.length < 3) return;
    const [hosts = '', keyType = '', b64 = ''] = fields;
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return;
    const key = Buffer.from(b64, 'base64');
    if (blobKeyType(key) !== keyType) return;
    out.push({ line: i + 1, revoked, hosts, keyType, key });
  });
  return out;
}

/** The name known_hosts uses for a host: `host` on port 22, `[host]:port` otherwise (lower-case). */
export function knownHostName(host: string, port: number): string {
  const h = host.toLowerCase();
  return port === 22 ? h : `[${h}]:${port}`;
}

/** True when the entry's host field names `name` (a {@link knownHostName}). */
function entryMatchesHost(entry: KnownHostEntry, name: string): boolean {
  if (entry.hosts.startsWith('|1|')) {
    const [, , salt, hash] = entry.hosts.split('|');
    if (salt === undefined || hash === undefined) return false;
    const mac = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
    return mac === hash;
  }
  let matched = false;
  for (const pattern of entry.hosts.toLowerCase().split(',')) {
    const negated = pattern.startsWith('!');
    if (globMatch(negated ? pattern.slice(1) : pattern, name)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

/** Key types known for this host (to prefer them in host-key algorithm negotiation). */
export function knownKeyTypes(entries: readonly KnownHostEntry[], name: string): string[] {
  const types = entries.filter((e) => !e.revoked && entryMatchesHost(e, name)).map((e) => e.keyType);
  return [...new Set(types)];
}

/** Check the server's key blob against the entries for `name`. */
export function checkHostKey(entries: readonly KnownHostEntry[], name: string, key: Buffer): HostKeyVerdict {
  const forHost = entries.filter((e) => entryMatchesHost(e, name));
  const revoked = forHost.find((e) => e.revoked && e.key.equals(key));
  if (revoked) return { status: 'revoked', line: revoked.line };
  const good = forHost.find((e) => !e.revoked && e.key.equals(key));
  if (good) return { status: 'known', line: good.line };
  const type = blobKeyType(key);
  const sameType = forHost.filter((e) => !e.revoked && e.keyType === type);
  if (sameType.length > 0) return { status: 'changed', lines: sameType.map((e) => e.line) };
  return { status: 'unknown', otherTypes: knownKeyTypes(forHost, name) };
}

/** The known_hosts line for a newly accepted key (plain host name). */
export function formatKnownHostLine(name: string, key: Buffer): string {
  return `${name} ${blobKeyType(key) ?? 'unknown'} ${key.toString('base64')}`;
}

/** SHA256 fingerprint in OpenSSH's format (`SHA256:…`, base64 without padding). */
export function fingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** The key type string at the start of an SSH public key blob, if well-formed. */
export function blobKeyType(blob: Buffer): string | undefined {
  if (blob.length < 4) return undefined;
  const len = blob.readUInt32BE(0);
  if (len === 0 || len > 64 || 4 + len > blob.length) return undefined;
  return blob.subarray(4, 4 + len).toString('latin1');
}

function globMatch(pattern: string, name: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(name);
}
