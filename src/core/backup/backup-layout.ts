// Why: one definition of where backups live on a target, so create, list, reindex, prune and cleanup
// agree: <target>/<vm>/<id>/{manifest.json, vda.qcow2, ...}, written first as <target>/<vm>/.partial-<id>
// and renamed when complete. Anything whose name starts with a dot is never a backup.
import { join } from 'node:path';

/** Prefix of a backup directory still being written (removed by the next run when abandoned). */
export const PARTIAL_PREFIX = '.partial-';

/** Prefix of a backup directory prune is deleting (removed by the next run when abandoned). */
export const DELETING_PREFIX = '.deleting-';

/** Directory of one VM's backups on a target. */
export function vmBackupDir(target: string, vm: string): string {
  return join(target, vm);
}

/** Final directory of a backup. */
export function backupDirOf(target: string, vm: string, id: string): string {
  return join(target, vm, id);
}

/** Temporary directory a backup is written into. */
export function partialDirOf(target: string, vm: string, id: string): string {
  return join(target, vm, `${PARTIAL_PREFIX}${id}`);
}

/** `20261126T192400Z` for an instant (UTC, seconds). */
export function backupStamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/**
 * A new backup id `<vm>.<UTC stamp>`, with `-2`, `-3`... appended while `taken(id)` says it exists.
 * The name of the VM keeps ids unique across VMs and readable in `hv backup list`.
 */
export function newBackupId(vm: string, date: Date, taken: (id: string) => boolean): string {
  const base = `${vm}.${backupStamp(date)}`;
  let id = base;
  for (let n = 2; taken(id); n++) id = `${base}-${n}`;
  return id;
}

/** Name of the checkpoint created with backup `id` (hv only ever deletes checkpoints with this prefix). */
export function checkpointNameOf(id: string): string {
  return `hv-backup-${id}`;
}

/** Prefix of checkpoints hv creates. */
export const CHECKPOINT_PREFIX = 'hv-backup-';

/** File name of a disk's image inside a backup directory. */
export function diskFileOf(target: string): string {
  return `${target}.qcow2`;
}
