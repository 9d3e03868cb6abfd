// Why: restore, boot-test and verify all need a backup together with every backup it builds on, base
// first, each checked to be complete. An incomplete or missing link is reported by name: a chain with a
// hole must never be restored as if it were whole.
import { HvError } from '../errors/index.js';
import type { BackupCatalog, CatalogEntry } from './backup-catalog.js';
import { readBackupDir, type FoundBackup } from './scan-backup-target.js';

/** One link of a chain. */
export interface ChainLink {
  readonly entry: CatalogEntry;
  readonly found: FoundBackup;
}

/** The catalog row of `id`, or STORAGE_NOT_FOUND. */
export function requireBackup(catalog: BackupCatalog, id: string): CatalogEntry {
  const e = catalog.get(id);
  if (e === undefined) {
    throw new HvError(
      'STORAGE_NOT_FOUND',
      `no backup ${id} in the catalog (see hv backup list; hv backup reindex rebuilds it)`,
      {
        details: { id },
      },
    );
  }
  return e;
}

/**
 * Backup `id` and its ancestors, base (the full backup) first, each read and checked complete.
 * @throws HvError CHECK_FAILED naming the broken link (missing parent, incomplete, wrong VM, loop).
 */
export async function resolveChain(catalog: BackupCatalog, id: string): Promise<ChainLink[]> {
  const links: ChainLink[] = [];
  const seen = new Set<string>();
  let entry: CatalogEntry = requireBackup(catalog, id);
  const top = entry.vm;
  for (;;) {
    if (seen.has(entry.id)) throw new HvError('CHECK_FAILED', `backup ${id}: its chain loops at ${entry.id}`);
    seen.add(entry.id);
    let found: FoundBackup;
    try {
      found = await readBackupDir(entry.dir, entry.id);
    } catch (err) {
      throw new HvError(
        'CHECK_FAILED',
        `backup ${id}: link ${entry.id} is not complete: ${(err as Error).message}`,
        {
          cause: err,
          details: { id, link: entry.id },
        },
      );
    }
    links.unshift({ entry, found });
    const parentId: string | null = found.manifest.parent;
    if (parentId === null) break;
    const parent = catalog.get(parentId);
    if (parent === undefined) {
      throw new HvError('CHECK_FAILED', `backup ${id}: parent ${parentId} of ${entry.id} is missing`, {
        details: { id, missing: parentId },
      });
    }
    if (parent.vm !== top) {
      throw new HvError(
        'CHECK_FAILED',
        `backup ${id}: parent ${parentId} belongs to VM ${parent.vm}, not ${top}`,
      );
    }
    entry = parent;
  }
  if (links[0]?.found.manifest.type !== 'full') {
    throw new HvError('CHECK_FAILED', `backup ${id}: its chain does not start with a full backup`);
  }
  return links;
}

/** Per disk target, the backup files of a chain, base first. */
export function chainFiles(links: readonly ChainLink[]): Map<string, string[]> {
  const top = links.at(-1)?.found.manifest;
  const out = new Map<string, string[]>();
  for (const d of top?.disks ?? []) {
    const files: string[] = [];
    for (const l of links) {
      const disk = l.found.manifest.disks.find((x) => x.target === d.target);
      if (disk === undefined) {
        throw new HvError(
          'CHECK_FAILED',
          `backup ${top?.id ?? '?'}: disk ${d.target} is missing from ${l.entry.id}`,
        );
      }
      files.push(`${l.found.dir}/${disk.file}`);
    }
    out.set(d.target, files);
  }
  return out;
}
