// Why: one noun for every backup operation, so the CLI, the daemon's scheduler and the API call the same
// methods: create, list, verify, restore, prune, reindex, protect. The service holds the catalog and
// settings; each verb lives in its own module and gets a libvirt connection only when it needs one.
import type { LibvirtClient } from '../../libvirt/index.js';
import { HvError } from '../errors/index.js';
import type { StateDb } from '../store/state-db.js';
import { BackupCatalog, type CatalogEntry } from './backup-catalog.js';
import { cleanBootTestLeftovers } from './boot-test-leftovers.js';
import { bootTestBackup, type BootTestRequest, type BootTestResult } from './boot-test-backup.js';
import { createBackup, type CreateBackupRequest, type CreatedBackup } from './create-backup.js';
import { pruneBackups, type PruneRequest, type PruneResult } from './prune-backups.js';
import { reindexBackups, type ReindexResult } from './reindex-backups.js';
import { restoreBackup, type RestoreRequest, type RestoredVm } from './restore-backup.js';
import { setBackupProtected } from './set-backup-protected.js';
import { verifyBackups, type VerifyRequest, type VerifyResult } from './verify-backups.js';

/** Settings the service works with (from the configuration). */
export interface BackupSettings {
  /** Default target directory (backup.dir). */
  readonly backupDir: string;
  /** Default for compression (backup.compress). */
  readonly compress: boolean;
  /** hv's state directory (locks). */
  readonly stateDir: string;
  /** Where restored disks go when the original disk's directory is gone (storage.pool_path). */
  readonly storageDir: string;
}

/** Backups of VMs: the one entry point for every interface. */
export class BackupService {
  readonly catalog: BackupCatalog;
  readonly settings: BackupSettings;
  readonly #client: LibvirtClient | undefined;

  /** `client` may be omitted for catalog-only work (list, protect, prune, reindex). */
  constructor(db: StateDb, settings: BackupSettings, client?: LibvirtClient) {
    this.catalog = new BackupCatalog(db);
    this.settings = settings;
    this.#client = client;
  }

  #needClient(what: string): LibvirtClient {
    if (this.#client === undefined)
      throw new HvError('INTERNAL', `BackupService.${what} needs a libvirt connection`);
    return this.#client;
  }

  /** Remove what killed boot tests left (VM, network, scratch disks); problems are warnings. */
  async cleanBootTests(warn: (message: string) => void): Promise<void> {
    if (this.#client === undefined) return;
    try {
      const found = await cleanBootTestLeftovers(this.#client, { scratchDirs: [this.settings.storageDir] });
      for (const l of found) warn(`removed ${l.kind} ${l.name} (${l.reason})`);
    } catch (err) {
      warn(`could not clean up after interrupted boot tests: ${(err as Error).message}`);
    }
  }

  /** Back up one VM (full or incremental; see create-backup.ts), after cleaning up killed boot tests. */
  async create(
    req: Omit<CreateBackupRequest, 'target' | 'compress'> & { target?: string; compress?: boolean },
  ): Promise<CreatedBackup> {
    await this.cleanBootTests(req.warn);
    return createBackup(
      { client: this.#needClient('create'), catalog: this.catalog, stateDir: this.settings.stateDir },
      {
        ...req,
        target: req.target ?? this.settings.backupDir,
        compress: req.compress ?? this.settings.compress,
      },
    );
  }

  /** Complete backups from the catalog (of one VM when given), oldest first per VM. */
  list(vm?: string): CatalogEntry[] {
    return this.catalog.list(vm);
  }

  /** Re-hash, qemu-img check and chain-check backups; results are recorded in the catalog. */
  verify(req: VerifyRequest): Promise<VerifyResult[]> {
    return verifyBackups(this.catalog, req);
  }

  /** Restore a backup into a throwaway VM, boot it, wait for a sign of life, remove it. */
  bootTest(req: BootTestRequest): Promise<BootTestResult> {
    return bootTestBackup(
      { client: this.#needClient('bootTest'), catalog: this.catalog, settings: this.settings },
      req,
    );
  }

  /** Rebuild full disks from a backup's chain and define the VM. */
  restore(req: RestoreRequest): Promise<RestoredVm> {
    return restoreBackup(
      { client: this.#needClient('restore'), catalog: this.catalog, settings: this.settings },
      req,
    );
  }

  /** Apply retention per VM, never breaking a chain. */
  prune(req: PruneRequest): Promise<PruneResult[]> {
    return pruneBackups({ catalog: this.catalog, stateDir: this.settings.stateDir }, req);
  }

  /** Rebuild the catalog from the manifests on the targets. */
  reindex(targets?: readonly string[]): Promise<ReindexResult> {
    return reindexBackups(this.catalog, targets ?? [this.settings.backupDir]);
  }

  /** Protect (or unprotect) a backup from prune. */
  protect(id: string, value: boolean): Promise<CatalogEntry> {
    return setBackupProtected(this.catalog, id, value);
  }
}
