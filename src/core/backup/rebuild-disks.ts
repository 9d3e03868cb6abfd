// Why: restore and boot-test turn a chain of backup files (full + incrementals) into one standalone qcow2
// per disk. The chain is opened as an explicit json: spec, so the backup files are only read, and each
// output is written under a `.partial` name and renamed, so a failed restore leaves no half disk that
// looks whole. Before that, every chain file (disks, NVRAM, TPM state) can be checked against its manifest's SHA-256.
import { chmod, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { VerificationError } from '../errors/index.js';
import type { BackupProgress } from './backup-progress.js';
import { chainSpec, convertImage } from './qemu-img.js';
import { chainFiles, type ChainLink } from './resolve-chain.js';
import { sha256File } from './sha256-file.js';

/** Check every file of the chain against its manifest; throws CHECKSUM_MISMATCH on the first difference. */
export async function verifyChainFiles(links: readonly ChainLink[], signal?: AbortSignal): Promise<void> {
  for (const l of links) {
    for (const d of [...l.found.manifest.disks, ...(l.found.manifest.state ?? [])]) {
      const path = join(l.found.dir, d.file);
      const h = await sha256File(path, signal);
      if (h.sha256 !== d.sha256) {
        throw new VerificationError(
          `backup ${l.entry.id}: ${d.file} does not match its manifest (SHA-256 ${h.sha256}); not restoring a damaged chain`,
          {
            code: 'CHECKSUM_MISMATCH',
            details: { id: l.entry.id, file: path, expected: d.sha256, actual: h.sha256 },
          },
        );
      }
    }
  }
}

/**
 * Write one standalone qcow2 per disk of the chain's newest backup to `dests` (target -> path).
 * On failure every output written so far is removed.
 */
export async function rebuildDisks(
  links: readonly ChainLink[],
  dests: ReadonlyMap<string, string>,
  opts: { signal?: AbortSignal; onProgress?: (p: BackupProgress) => void; vm: string },
): Promise<void> {
  const files = chainFiles(links);
  const written: string[] = [];
  try {
    let i = 0;
    for (const [target, chain] of files) {
      const dest = dests.get(target);
      if (dest === undefined) continue;
      opts.onProgress?.({ vm: opts.vm, phase: 'restore', done: i++, total: files.size, disk: target });
      const tmp = `${dest}.partial`;
      written.push(tmp);
      await convertImage(chainSpec(chain), tmp, opts.signal === undefined ? {} : { signal: opts.signal });
      await chmod(tmp, 0o600); // guest data: libvirt hands it to QEMU's user when the VM starts
      await rename(tmp, dest);
      written.push(dest);
    }
  } catch (err) {
    for (const f of written) await rm(f, { force: true });
    throw err;
  }
}
