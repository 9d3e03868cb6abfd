// Why: the catalog is a cache of the manifests on disk. After moving a target, restoring hv.db from an
// old copy, or deleting backup directories by hand, `hv backup reindex` makes it true again: complete
// backups are (re)recorded, rows whose directory under a scanned target is gone or incomplete are
// dropped, and incomplete directories are reported, never deleted.
import { resolve, sep } from 'node:path';
import type { BackupCatalog } from './backup-catalog.js';
import { scanBackupTarget } from './scan-backup-target.js';

/** What reindex changed and found. */
export interface ReindexResult {
  readonly added: string[];
  readonly updated: string[];
  readonly removed: string[];
  /** Directories that look like backups but are not complete (left alone). */
  readonly incomplete: { dir: string; reason: string }[];
  /** `.partial-*` directories (cleaned by the next backup of that VM). */
  readonly partial: string[];
}

function inside(dir: string, root: string): boolean {
  const r = resolve(root);
  return dir === r || dir.startsWith(r.endsWith(sep) ? r : r + sep);
}

/** Rebuild the catalog rows of backups under `targets` from their manifests. */
export async function reindexBackups(
  catalog: BackupCatalog,
  targets: readonly string[],
): Promise<ReindexResult> {
  const result: ReindexResult = { added: [], updated: [], removed: [], incomplete: [], partial: [] };
  const seen = new Set<string>();
  for (const target of targets) {
    const scan = await scanBackupTarget(resolve(target));
    for (const f of scan.complete) {
      const before = catalog.get(f.manifest.id);
      catalog.record(f.manifest, f.dir, f.protected);
      seen.add(f.manifest.id);
      (before === undefined ? result.added : result.updated).push(f.manifest.id);
    }
    result.incomplete.push(...scan.incomplete);
    result.partial.push(...scan.partial);
  }
  for (const e of catalog.list()) {
    if (seen.has(e.id) || !targets.some((t) => inside(e.dir, t))) continue;
    catalog.remove(e.id);
    result.removed.push(e.id);
  }
  return result;
}
