// Why: `hv backup prune` applies retention (Proxmox semantics, src/core/retention) to each VM's complete
// backups in the catalog, then chain safety on top: a backup another kept backup builds on stays, and
// protected ones always stay. A removal first renames the directory to a dot-name (atomic: it stops
// being a backup at once), then drops the catalog row, then deletes the files. --dry-run changes nothing.
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { planPrune, type RetentionOptions } from '../retention/index.js';
import type { BackupCatalog } from './backup-catalog.js';
import { DELETING_PREFIX } from './backup-layout.js';
import { keepParentChains, type BackupPruneDecision } from './keep-parent-chains.js';
import { acquireVmLock } from './vm-lock.js';

/** What to prune. */
export interface PruneRequest {
  /** VMs to prune (default: every VM with backups in the catalog). */
  readonly vms?: readonly string[];
  readonly options: RetentionOptions;
  /** IANA zone the day/week/month buckets are computed in. */
  readonly timeZone: string;
  readonly dryRun: boolean;
  readonly warn: (message: string) => void;
}

/** The outcome for one VM. */
export interface PruneResult {
  readonly vm: string;
  /** Every backup, newest first, with keep/remove and why. */
  readonly decisions: BackupPruneDecision[];
  /** Ids actually removed (empty for a dry run). */
  readonly removed: string[];
}

/** Services prune needs. */
export interface PruneContext {
  readonly catalog: BackupCatalog;
  readonly stateDir: string;
}

async function removeBackup(catalog: BackupCatalog, id: string, dir: string): Promise<void> {
  const doomed = join(dirname(dir), `${DELETING_PREFIX}${basename(dir)}`);
  await rename(dir, doomed).catch((err: unknown) => {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  });
  catalog.remove(id);
  await rm(doomed, { recursive: true, force: true });
}

function pruneOne(ctx: PruneContext, vm: string, req: PruneRequest): BackupPruneDecision[] {
  const entries = ctx.catalog.list(vm);
  const plan = planPrune(
    entries.map((e) => ({ id: e.id, time: Date.parse(e.startedAt), protected: e.protected })),
    req.options,
    req.timeZone,
  );
  return keepParentChains(plan, new Map(entries.map((e) => [e.id, e.parent])));
}

/** Prune each VM's backups (see the module comment). */
export async function pruneBackups(ctx: PruneContext, req: PruneRequest): Promise<PruneResult[]> {
  const vms = req.vms ?? ctx.catalog.vms();
  const results: PruneResult[] = [];
  for (const vm of vms) {
    if (req.dryRun) {
      results.push({ vm, decisions: pruneOne(ctx, vm, req), removed: [] });
      continue;
    }
    const lock = acquireVmLock(ctx.stateDir, 'backup', vm, `hv backup prune ${vm}`);
    try {
      const decisions = pruneOne(ctx, vm, req);
      const removed: string[] = [];
      // Children before parents: newest first is that order for a chain.
      for (const d of decisions) {
        if (d.action !== 'remove') continue;
        const entry = ctx.catalog.get(d.id);
        if (entry === undefined) continue;
        await removeBackup(ctx.catalog, d.id, entry.dir);
        removed.push(d.id);
      }
      results.push({ vm, decisions, removed });
    } finally {
      lock.release();
    }
  }
  return results;
}
