// Why: the manifests on disk are the truth the catalog is rebuilt from (reindex), and the next run's
// cleanup needs to find what an interrupted one left. One scanner classifies each directory under
// <target>/<vm>/: complete (valid manifest, every listed file present with its recorded size),
// incomplete (a backup-looking directory that fails that test) or partial (`.partial-*`).
import { readdir, readFile, stat, access } from 'node:fs/promises';
import { join } from 'node:path';
import { HvError } from '../errors/index.js';
import { MANIFEST_FILE, parseBackupManifest, type BackupManifest } from './backup-manifest.js';
import { DELETING_PREFIX, PARTIAL_PREFIX } from './backup-layout.js';

/** A directory with a complete backup. */
export interface FoundBackup {
  readonly dir: string;
  readonly manifest: BackupManifest;
  readonly protected: boolean;
}

/** What a scan found. */
export interface TargetScan {
  readonly complete: FoundBackup[];
  /** Directories that look like backups but are not complete, with the reason. */
  readonly incomplete: { readonly dir: string; readonly reason: string }[];
  /** `.partial-*` and `.deleting-*` directories (interrupted backups or prunes). */
  readonly partial: string[];
}

/** Marker file of a protected backup (kept through reindex). */
export const PROTECTED_MARKER = '.protected';

async function isDir(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/**
 * Read and check one backup directory: the manifest parses, its id matches the directory name and
 * every listed file exists with the recorded size. (Hashes are verify's job.)
 * @throws HvError (ValidationError / StorageError) saying what is missing or wrong.
 */
export async function readBackupDir(dir: string, expectedId?: string): Promise<FoundBackup> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_FILE), 'utf8');
  } catch (err) {
    throw new HvError('STORAGE_NOT_FOUND', `${dir}: no ${MANIFEST_FILE} (incomplete backup)`, {
      cause: err,
      details: { dir },
    });
  }
  const manifest = parseBackupManifest(text, join(dir, MANIFEST_FILE));
  if (expectedId !== undefined && manifest.id !== expectedId) {
    throw new HvError('CHECK_FAILED', `${dir}: manifest names backup ${manifest.id}, not ${expectedId}`, {
      details: { dir },
    });
  }
  for (const d of [...manifest.disks, ...(manifest.state ?? [])]) {
    const size = await stat(join(dir, d.file)).then(
      (s) => s.size,
      () => undefined,
    );
    if (size === undefined) {
      throw new HvError('STORAGE_NOT_FOUND', `${dir}: ${d.file} is missing`, {
        details: { dir, file: d.file },
      });
    }
    if (size !== d.size) {
      throw new HvError('CHECK_FAILED', `${dir}: ${d.file} has ${size} bytes, the manifest says ${d.size}`, {
        details: { dir, file: d.file },
      });
    }
  }
  const prot = await access(join(dir, PROTECTED_MARKER)).then(
    () => true,
    () => false,
  );
  return { dir, manifest, protected: prot };
}

/** Scan `<target>/<vm>` for one VM, or every VM directory under `target`. */
export async function scanBackupTarget(target: string, vm?: string): Promise<TargetScan> {
  const scan: TargetScan = { complete: [], incomplete: [], partial: [] };
  const vmDirs =
    vm !== undefined
      ? [vm]
      : (await readdir(target).catch(() => [] as string[])).filter((n) => !n.startsWith('.'));
  for (const v of vmDirs.sort()) {
    const vmDir = join(target, v);
    if (!(await isDir(vmDir))) continue;
    for (const name of (await readdir(vmDir)).sort()) {
      const dir = join(vmDir, name);
      if (!(await isDir(dir))) continue;
      if (name.startsWith(PARTIAL_PREFIX) || name.startsWith(DELETING_PREFIX)) {
        scan.partial.push(dir);
        continue;
      }
      if (name.startsWith('.')) continue;
      try {
        scan.complete.push(await readBackupDir(dir, name));
      } catch (err) {
        scan.incomplete.push({ dir, reason: err instanceof Error ? err.message : String(err) });
      }
    }
  }
  return scan;
}
