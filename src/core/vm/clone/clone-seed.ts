// A clone must run cloud-init as a new machine: its seed ISO is the source's documents with a fresh
// instance-id and the clone's hostname (meta-data local-hostname, and a #cloud-config `hostname:`
// line when there is one). The source's seed is read through libvirt (a volume download, so remote
// hosts work), unpacked by xorriso in a private temp dir that is always removed.
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { LibvirtClient } from '../../../libvirt/index.js';
import { runCommand } from '../../exec/run-command.js';
import { fromLibvirtError } from '../../libvirt-errors.js';
import { defaultNetworkConfig, metaData } from '../create/cloud-init-data.js';
import type { SeedDocuments } from '../create/seed-iso.js';

/** The documents found in a seed ISO (a missing file is undefined). */
export interface FoundSeed {
  readonly userData?: string;
  readonly metaData?: string;
  readonly networkConfig?: string;
}

const FILES = { userData: 'user-data', metaData: 'meta-data', networkConfig: 'network-config' } as const;

/** Read the documents of the seed ISO at `path` on the libvirt host. */
export async function readSeed(
  client: LibvirtClient,
  path: string,
  signal?: AbortSignal,
): Promise<FoundSeed> {
  const dir = await mkdtemp(join(tmpdir(), 'hv-clone-seed-'));
  try {
    const iso = join(dir, 'seed.iso');
    try {
      const vol = await client.storage.lookupVolumeByPath(path);
      const stream = await client.storage.downloadVolume(vol, { ...(signal !== undefined && { signal }) });
      await pipeline(stream, createWriteStream(iso, { mode: 0o600 }));
    } catch (err) {
      throw fromLibvirtError(err, `reading the seed ISO ${path}`);
    }
    const out = join(dir, 'out');
    await runCommand('xorriso', ['-osirrox', 'on', '-indev', iso, '-extract', '/', out], {
      ...(signal !== undefined && { signal }),
      missingHint: 'Debian package xorriso',
      timeoutMs: 60_000,
    });
    const found: Record<string, string> = {};
    for (const [key, file] of Object.entries(FILES)) {
      const text = await readFile(join(out, file), 'utf8').catch(() => undefined);
      if (text !== undefined) found[key] = text;
    }
    return found;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** meta-data without its instance-id line (a sealed template carries no identity). Pure. */
export function withoutInstanceId(meta: string): string {
  return meta
    .split('\n')
    .filter((l) => !/^instance-id\s*:/.test(l))
    .join('\n');
}

/** The clone's documents: fresh `instanceId`, hostname `name`, the rest as the source had it. Pure. */
export function cloneSeedDocuments(found: FoundSeed, name: string, instanceId: string): SeedDocuments {
  const host = `local-hostname: ${JSON.stringify(name)}`;
  const given = found.metaData;
  const meta =
    given === undefined
      ? metaData(name, instanceId)
      : metaData(
          name,
          instanceId,
          /^local-hostname\s*:/m.test(given)
            ? given.replace(/^local-hostname\s*:.*$/m, host)
            : `${given.replace(/\n*$/, '\n')}${host}\n`,
        );
  const user = found.userData ?? '#cloud-config\n';
  const userData = user.startsWith('#cloud-config')
    ? user.replace(/^hostname\s*:.*$/m, `hostname: ${JSON.stringify(name)}`)
    : user;
  return { userData, metaData: meta, networkConfig: found.networkConfig ?? defaultNetworkConfig() };
}
