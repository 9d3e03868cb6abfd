// Why: the SSH host-key decision (accept, record on first use, or refuse with the reason) must be made
// synchronously inside ssh2's handshake callback, yet explained afterwards in the connection error.
// This object holds the known_hosts entries for one host, makes the decision and keeps the reason.
import { readFile } from 'node:fs/promises';
import {
  blobKeyType,
  checkHostKey,
  fingerprint,
  formatKnownHostLine,
  knownHostName,
  knownKeyTypes,
  parseKnownHosts,
  type KnownHostEntry,
} from './known-hosts.js';

/** libvirt's `known_hosts_verify`: normal refuses unknown keys, auto records them, ignore skips checks. */
export type HostKeyPolicy = 'normal' | 'auto' | 'ignore';

const ALL_HOST_KEY_ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/** ssh2 host-key algorithms with those already known for the host first (as OpenSSH orders them). */
export function hostKeyAlgorithms(knownTypes: readonly string[]): string[] {
  const preferred = ALL_HOST_KEY_ALGORITHMS.filter((alg) =>
    knownTypes.some((t) => t === alg || (t === 'ssh-rsa' && alg.startsWith('rsa-sha2-'))),
  );
  return [...preferred, ...ALL_HOST_KEY_ALGORITHMS.filter((a) => !preferred.includes(a))];
}

/** Decides about one server's host key. */
export class HostKeyChecker {
  readonly file: string;
  readonly name: string;
  readonly policy: HostKeyPolicy;
  /** Key types known_hosts lists for this host. */
  readonly knownTypes: readonly string[];
  /** Why the key was refused (set by accept()). */
  refusal: string | undefined;
  /** A line to append to known_hosts after a successful connection (policy auto, new key). */
  toRecord: string | undefined;
  readonly #entries: readonly KnownHostEntry[];

  private constructor(file: string, name: string, policy: HostKeyPolicy, entries: readonly KnownHostEntry[]) {
    this.file = file;
    this.name = name;
    this.policy = policy;
    this.#entries = entries;
    this.knownTypes = knownKeyTypes(entries, name);
  }

  /** Read `file` (a missing file means "no host is known"). */
  static async load(
    file: string,
    host: string,
    port: number,
    policy: HostKeyPolicy,
  ): Promise<HostKeyChecker> {
    let text = '';
    if (policy !== 'ignore') {
      text = await readFile(file, 'utf8').catch((err: unknown) => {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
        throw err;
      });
    }
    return new HostKeyChecker(file, knownHostName(host, port), policy, parseKnownHosts(text));
  }

  /** The hostVerifier: true to continue the handshake. */
  accept(key: Buffer): boolean {
    if (this.policy === 'ignore') return true;
    const verdict = checkHostKey(this.#entries, this.name, key);
    const what = `${blobKeyType(key) ?? 'unknown-type'} key ${fingerprint(key)}`;
    switch (verdict.status) {
      case 'known':
        return true;
      case 'unknown':
        if (this.policy === 'auto') {
          this.toRecord = formatKnownHostLine(this.name, key);
          return true;
        }
        this.refusal =
          `host ${what} of ${this.name} is not in ${this.file}` +
          (verdict.otherTypes.length > 0
            ? ` (it lists only ${verdict.otherTypes.join(', ')} keys for this host)`
            : '') +
          `; check the fingerprint, then add it (ssh-keyscan) or connect with known_hosts_verify=auto to record ` +
          `it, or no_verify=1 to skip the check`;
        return false;
      case 'changed':
        this.refusal =
          `HOST KEY CHANGED: ${this.name} presents ${what} but ${this.file} line ${verdict.lines.join(', ')} ` +
          `lists another key; someone may be intercepting the connection. If the host was reinstalled, ` +
          `remove that line`;
        return false;
      case 'revoked':
        this.refusal = `host ${what} of ${this.name} is marked @revoked in ${this.file} line ${verdict.line}`;
        return false;
    }
  }
}
