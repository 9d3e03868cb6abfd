// Throw-away OpenPGP keys for image verification tests: generated with gpg in a temporary GNUPGHOME
// (no passphrase, ed25519, quick), exported as binary keyrings for gpgv, and used to make detached
// and clearsigned signatures the way distributions publish them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A generated key. */
export interface TestGpgKey {
  readonly fingerprint: string;
  /** Binary public keyring holding only this key (what goes into images.keyring_dir). */
  readonly publicKeyring: Buffer;
  /** Detached binary signature of `data`. */
  signDetached(data: Buffer | string): Buffer;
  /** Clearsigned text of `text`. */
  clearsign(text: string): string;
  /** Delete the temporary GNUPGHOME. */
  dispose(): void;
}

/** Generate a key for `uid` (about a second). */
export function createTestGpgKey(uid = 'hv test signing key <hv-test@example.invalid>'): TestGpgKey {
  const home = mkdtempSync(join(tmpdir(), 'hv-gpg-'));
  const gpg = (args: string[], input?: Buffer | string): Buffer =>
    execFileSync(
      'gpg',
      ['--homedir', home, '--batch', '--yes', '--pinentry-mode', 'loopback', '--passphrase', '', ...args],
      {
        input,
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
  gpg(['--quick-gen-key', uid, 'ed25519', 'sign', 'never']);
  const colons = gpg(['--with-colons', '--list-keys']).toString();
  const fingerprint = /^fpr:+([0-9A-F]{40}):/m.exec(colons)?.[1];
  if (fingerprint === undefined) throw new Error(`test-gpg: no fingerprint in:\n${colons}`);
  const publicKeyring = gpg(['--export', fingerprint]);
  return {
    fingerprint,
    publicKeyring,
    signDetached(data) {
      const f = join(home, 'data');
      writeFileSync(f, data);
      gpg(['--local-user', fingerprint, '--detach-sign', '--output', `${f}.sig`, f]);
      return readFileSync(`${f}.sig`);
    },
    clearsign(text) {
      return gpg(['--local-user', fingerprint, '--clearsign'], text).toString();
    },
    dispose() {
      rmSync(home, { recursive: true, force: true });
    },
  };
}
