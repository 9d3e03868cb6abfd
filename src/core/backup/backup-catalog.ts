// Why: listing, pruning and choosing the parent of an incremental must not walk every backup target and
// parse manifests each time. The catalog (table `backups` in hv.db) holds one row per COMPLETE backup,
// written only after its manifest is in place, so it never shows a partial one. Everything but the
// verification results can be rebuilt from the manifests (reindex).
import type { StateDb } from '../store/state-db.js';
import type { BackupManifest } from './backup-manifest.js';

/** One catalog row. */
export interface CatalogEntry {
  readonly id: string;
  readonly vm: string;
  readonly vmUuid: string;
  readonly type: 'full' | 'incremental';
  readonly mode: 'live' | 'offline';
  readonly parent: string | null;
  readonly checkpoint: string | null;
  readonly startedAt: string;
  readonly endedAt: string;
  /** Absolute directory of the backup. */
  readonly dir: string;
  /** Bytes of all its files. */
  readonly sizeBytes: number;
  readonly compressed: boolean;
  readonly protected: boolean;
  readonly verifiedAt: string | null;
  readonly verifyResult: 'ok' | 'failed' | null;
  readonly verifyDetail: string | null;
}

interface Row {
  id: string;
  vm: string;
  vm_uuid: string;
  type: 'full' | 'incremental';
  mode: 'live' | 'offline';
  parent_id: string | null;
  checkpoint: string | null;
  started_at: string;
  ended_at: string;
  dir: string;
  size_bytes: number;
  compressed: number;
  protected: number;
  verified_at: string | null;
  verify_result: 'ok' | 'failed' | null;
  verify_detail: string | null;
}

function toEntry(r: Row): CatalogEntry {
  return {
    id: r.id,
    vm: r.vm,
    vmUuid: r.vm_uuid,
    type: r.type,
    mode: r.mode,
    parent: r.parent_id,
    checkpoint: r.checkpoint,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    dir: r.dir,
    sizeBytes: r.size_bytes,
    compressed: r.compressed !== 0,
    protected: r.protected !== 0,
    verifiedAt: r.verified_at,
    verifyResult: r.verify_result,
    verifyDetail: r.verify_detail,
  };
}

/** The backup catalog in hv.db. */
export class BackupCatalog {
  readonly #db: StateDb;

  constructor(db: StateDb) {
    this.#db = db;
  }

  /**
   * Insert or refresh the row of a complete backup from its manifest. Protection and verification
   * results of an existing row are kept unless `protectedFlag` says otherwise.
   */
  record(m: BackupManifest, dir: string, protectedFlag?: boolean): void {
    const size = m.disks.reduce((n, d) => n + d.size, 0);
    this.#db
      .prepare(
        `INSERT INTO backups (id, vm, vm_uuid, type, mode, parent_id, checkpoint, started_at, ended_at, dir,
           size_bytes, compressed, protected)
         VALUES (@id, @vm, @uuid, @type, @mode, @parent, @checkpoint, @startedAt, @endedAt, @dir, @size,
           @compressed, @protected)
         ON CONFLICT (id) DO UPDATE SET vm = excluded.vm, vm_uuid = excluded.vm_uuid, type = excluded.type,
           mode = excluded.mode, parent_id = excluded.parent_id, checkpoint = excluded.checkpoint,
           started_at = excluded.started_at, ended_at = excluded.ended_at, dir = excluded.dir,
           size_bytes = excluded.size_bytes, compressed = excluded.compressed,
           protected = CASE WHEN @protectedGiven THEN excluded.protected ELSE backups.protected END`,
      )
      .run({
        id: m.id,
        vm: m.vm.name,
        uuid: m.vm.uuid,
        type: m.type,
        mode: m.mode,
        parent: m.parent,
        checkpoint: m.checkpoint,
        startedAt: m.startedAt,
        endedAt: m.endedAt,
        dir,
        size,
        compressed: m.compressed ? 1 : 0,
        protected: protectedFlag === true ? 1 : 0,
        protectedGiven: protectedFlag === undefined ? 0 : 1,
      });
  }

  /** The row of backup `id`. */
  get(id: string): CatalogEntry | undefined {
    const r = this.#db.prepare<[string], Row>('SELECT * FROM backups WHERE id = ?').get(id);
    return r === undefined ? undefined : toEntry(r);
  }

  /** Every backup (of `vm` when given), oldest first within each VM. */
  list(vm?: string): CatalogEntry[] {
    const rows =
      vm === undefined
        ? this.#db.prepare<[], Row>('SELECT * FROM backups ORDER BY vm, started_at, id').all()
        : this.#db
            .prepare<[string], Row>('SELECT * FROM backups WHERE vm = ? ORDER BY started_at, id')
            .all(vm);
    return rows.map(toEntry);
  }

  /** Names of the VMs that have backups. */
  vms(): string[] {
    return this.#db
      .prepare<[], { vm: string }>('SELECT DISTINCT vm FROM backups ORDER BY vm')
      .all()
      .map((r) => r.vm);
  }

  /** Set or clear the protected flag; false when there is no such backup. */
  setProtected(id: string, value: boolean): boolean {
    return (
      this.#db.prepare('UPDATE backups SET protected = ? WHERE id = ?').run(value ? 1 : 0, id).changes > 0
    );
  }

  /** Record the outcome of a verification. */
  recordVerification(id: string, result: 'ok' | 'failed', detail: string, at: Date): void {
    this.#db
      .prepare('UPDATE backups SET verified_at = ?, verify_result = ?, verify_detail = ? WHERE id = ?')
      .run(at.toISOString(), result, detail, id);
  }

  /** Remove the row of a backup (its files are the caller's business). */
  remove(id: string): void {
    this.#db.prepare('DELETE FROM backups WHERE id = ?').run(id);
  }
}
