// Why: a UEFI VM keeps its boot entries and Secure Boot keys in an NVRAM vars file, and a VM with an
// emulated TPM keeps its keys (BitLocker, LUKS with TPM unlock, measured boot) in swtpm's state
// directory. Neither is a disk, yet a restore without them does not boot the same way (or cannot unseal
// its secrets). Each backup copies them, hashing the bytes as they are written, and lists them in the
// manifest; restore puts them back (in place) or gives the new VM its own copy.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StorageError } from '../errors/index.js';
import type { BackupManifest } from './backup-manifest.js';
import {
  attrOf,
  childElement,
  elementAt,
  parseOrderedXml,
  rootElement,
  textOf,
} from '../domain-xml/ordered-xml.js';

/** Where libvirt keeps swtpm state: one directory per domain UUID. */
export const SWTPM_STATE_ROOT = '/var/lib/libvirt/swtpm';

/** One state file of a manifest. */
export type ManifestStateFile = NonNullable<BackupManifest['state']>[number];

/** The VM's firmware state on the host, from its domain XML. */
export interface StateSources {
  /** The NVRAM vars file (`<os><nvram>`), when the domain has one. */
  readonly nvram?: string;
  /** The swtpm state directory of an emulated TPM, when the domain has one. */
  readonly tpmDir?: string;
}

/** Read the NVRAM path and the TPM state directory out of a domain's XML. */
export function stateSourcesOf(xml: string): StateSources {
  const root = rootElement(parseOrderedXml(xml, 'domain XML'), 'domain XML');
  const nvramEl = elementAt(root, ['os', 'nvram']);
  const nvram = nvramEl === undefined ? '' : textOf(nvramEl).trim();
  const uuid = textOf(childElement(root, 'uuid') ?? {}).trim();
  const tpm = elementAt(root, ['devices', 'tpm']);
  const emulated = tpm !== undefined && attrOf(childElement(tpm, 'backend') ?? {}, 'type') === 'emulator';
  return {
    ...(nvram === '' ? {} : { nvram }),
    ...(emulated && uuid !== '' ? { tpmDir: join(SWTPM_STATE_ROOT, uuid) } : {}),
  };
}

function storageError(what: string, err: unknown): StorageError {
  const code = (err as NodeJS.ErrnoException).code;
  return new StorageError(`${what}: ${code ?? (err as Error).message}`, {
    code: code === 'ENOSPC' || code === 'EDQUOT' ? 'STORAGE_FULL' : 'STORAGE_ERROR',
    cause: err,
  });
}

/**
 * Copy `src` to `dest` (mode 0600), hashing the bytes on their way to the file, then fsync it.
 * @public
 */
export async function copyHashed(
  src: string,
  dest: string,
  signal?: AbortSignal,
): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(
    createReadStream(src),
    tap,
    createWriteStream(dest, { mode: 0o600, flush: true }),
    ...(signal === undefined ? [] : [{ signal }]),
  );
  return { sha256: hash.digest('hex'), size };
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(p)));
    else if (e.isFile() && !e.name.endsWith('.lock') && !e.name.endsWith('.pid')) out.push(p);
  }
  return out.sort();
}

/** Copy the VM's NVRAM and TPM state into a backup directory; returns their manifest entries. */
export async function backupStateFiles(
  sources: StateSources,
  dir: string,
  warn: (message: string) => void,
  signal?: AbortSignal,
): Promise<ManifestStateFile[]> {
  const out: ManifestStateFile[] = [];
  const take = async (kind: 'nvram' | 'tpm', src: string, path: string, file: string): Promise<void> => {
    try {
      out.push({ kind, path, file, ...(await copyHashed(src, join(dir, file), signal)) });
    } catch (err) {
      throw storageError(`cannot back up the ${kind === 'nvram' ? 'NVRAM' : 'TPM state'} file ${src}`, err);
    }
  };
  if (sources.nvram !== undefined) {
    // A UEFI VM that never started has no vars file yet: libvirt makes it from the template at start.
    if (await stat(sources.nvram).catch(() => undefined))
      await take('nvram', sources.nvram, sources.nvram, 'nvram.fd');
    else warn(`the NVRAM file ${sources.nvram} does not exist (the VM never started?): not backed up`);
  }
  if (sources.tpmDir !== undefined) {
    const files = await filesUnder(sources.tpmDir).catch(() => undefined);
    if (files === undefined || files.length === 0) {
      warn(`the TPM state directory ${sources.tpmDir} is missing or empty: not backed up`);
    } else {
      for (const f of files) {
        const rel = relative(sources.tpmDir, f);
        await take('tpm', f, rel, `tpm-${rel.split(sep).join('_')}`);
      }
    }
  }
  return out;
}

async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Copy a backed-up state file to `dest` through a temporary name (never a half-written file). */
async function placeFile(backupDir: string, f: ManifestStateFile, dest: string): Promise<void> {
  await mkdir(dirname(dest), { recursive: true, mode: 0o711 });
  const tmp = `${dest}.hv-restoring`;
  try {
    const h = await copyHashed(join(backupDir, f.file), tmp);
    if (h.sha256 !== f.sha256) throw new Error(`SHA-256 ${h.sha256} differs from the manifest's ${f.sha256}`);
    await chmod(tmp, 0o600);
    await rename(tmp, dest);
    await fsyncDir(dirname(dest));
  } catch (err) {
    await rm(tmp, { force: true });
    throw storageError(`cannot restore ${f.file} to ${dest}`, err);
  }
}

/** Put the backed-up NVRAM file at `dest`. No-op when the backup has none. */
export async function restoreNvram(
  backupDir: string,
  state: readonly ManifestStateFile[],
  dest: string,
): Promise<boolean> {
  const f = state.find((s) => s.kind === 'nvram');
  if (f === undefined) return false;
  await placeFile(backupDir, f, dest);
  return true;
}

/**
 * Replace the swtpm state of the VM with UUID `uuid` by the backed-up one. libvirt hands the files to
 * the swtpm user when the VM starts. Returns the directory, or undefined when the backup has no TPM.
 */
export async function restoreTpmState(
  backupDir: string,
  state: readonly ManifestStateFile[],
  uuid: string,
  root = SWTPM_STATE_ROOT,
): Promise<string | undefined> {
  const files = state.filter((s) => s.kind === 'tpm');
  if (files.length === 0) return undefined;
  const dir = join(root, uuid);
  const tops = new Set(files.map((f) => f.path.split('/')[0] ?? f.path));
  for (const t of tops) await rm(join(dir, t), { recursive: true, force: true });
  for (const f of files) await placeFile(backupDir, f, join(dir, f.path));
  return dir;
}

/** The NVRAM file a restored VM gets: the backed-up path in place, else `<dir>/<name>_VARS.fd`. */
export function nvramDestination(
  state: readonly ManifestStateFile[],
  o: { name: string; inPlace: boolean; dir: string },
): string | undefined {
  const f = state.find((s) => s.kind === 'nvram');
  if (f === undefined) return undefined;
  return o.inPlace ? f.path : join(o.dir, `${o.name}_VARS.fd`);
}
