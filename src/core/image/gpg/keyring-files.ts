// Which keyrings gpgv may use: the binary OpenPGP keyrings in images.keyring_dir. gpgv cannot read
// ASCII-armored files, so those are pointed out rather than silently ignored.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Keyring files found in a directory, and armored files that need `gpg --dearmor`. */
export interface KeyringFiles {
  readonly keyrings: string[];
  readonly armored: string[];
}

/** List `*.gpg`, `*.kbx`, `*.pgp` regular files (absolute paths, sorted); a missing dir has none. */
export async function keyringFiles(dir: string): Promise<KeyringFiles> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const keyrings: string[] = [];
  const armored: string[] = [];
  for (const name of names.sort()) {
    const path = join(dir, name);
    const st = await stat(path).catch(() => undefined);
    if (st === undefined || !st.isFile()) continue;
    if (/\.(gpg|kbx|pgp)$/.test(name)) keyrings.push(path);
    else if (name.endsWith('.asc')) armored.push(path);
  }
  return { keyrings, armored };
}
