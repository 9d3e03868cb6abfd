// Builds a cloud-init NoCloud seed ISO (volume id `cidata`, files user-data, meta-data,
// network-config) with xorriso's genisoimage emulation, through runCommand (no shell). The files are
// staged in a private temporary directory that is always removed.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../exec/run-command.js';

/** The documents of a seed. */
export interface SeedDocuments {
  readonly userData: string;
  readonly metaData: string;
  readonly networkConfig: string;
}

/** Write the seed ISO to `dest` (which must not exist yet). */
export async function buildSeedIso(dest: string, docs: SeedDocuments, signal?: AbortSignal): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'hv-seed-'));
  try {
    await writeFile(join(dir, 'user-data'), docs.userData, { mode: 0o600 });
    await writeFile(join(dir, 'meta-data'), docs.metaData, { mode: 0o600 });
    await writeFile(join(dir, 'network-config'), docs.networkConfig, { mode: 0o600 });
    await runCommand(
      'xorriso',
      [
        '-as',
        'genisoimage',
        '-output',
        dest,
        '-volid',
        'cidata',
        '-joliet',
        '-rock',
        join(dir, 'user-data'),
        join(dir, 'meta-data'),
        join(dir, 'network-config'),
      ],
      { ...(signal !== undefined && { signal }), missingHint: 'Debian package xorriso', timeoutMs: 60_000 },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
