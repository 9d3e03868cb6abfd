// The image catalog table in hv.db: plain reads and writes of ImageRecord, nothing else. Kept apart
// from ImageService so the SQL is in one small place and can be tested on an in-memory database.
import type { StateDb } from '../../store/state-db.js';
import type { ChecksumAlgorithm, ImageKind } from '../catalog/catalog-entry-schema.js';
import type { ImageRecord, VerifiedBy } from '../image-record.js';

interface Row {
  name: string;
  kind: ImageKind;
  format: string;
  arch: string | null;
  pool: string;
  volume: string;
  path: string;
  size_bytes: number;
  source: string;
  catalog_entry: string | null;
  checksum_algo: ChecksumAlgorithm;
  checksum: string;
  verified_by: VerifiedBy;
  signer: string | null;
  insecure: number;
  insecure_reason: string | null;
  added_at: string;
  verified_at: string | null;
}

function fromRow(r: Row): ImageRecord {
  return {
    name: r.name,
    kind: r.kind,
    format: r.format,
    arch: r.arch ?? undefined,
    pool: r.pool,
    volume: r.volume,
    path: r.path,
    sizeBytes: r.size_bytes,
    source: r.source,
    catalogEntry: r.catalog_entry ?? undefined,
    checksum: { algorithm: r.checksum_algo, value: r.checksum },
    verifiedBy: r.verified_by,
    signer: r.signer ?? undefined,
    insecure: r.insecure !== 0,
    insecureReason: r.insecure_reason ?? undefined,
    addedAt: r.added_at,
    verifiedAt: r.verified_at ?? undefined,
  };
}

/** Reads and writes the `images` table. */
export class ImageRecords {
  readonly #db: StateDb;

  constructor(db: StateDb) {
    this.#db = db;
  }

  /** Every record, by name. */
  list(): ImageRecord[] {
    return this.#db.prepare<[], Row>('SELECT * FROM images ORDER BY name').all().map(fromRow);
  }

  /** One record, or undefined. */
  get(name: string): ImageRecord | undefined {
    const row = this.#db.prepare<[string], Row>('SELECT * FROM images WHERE name = ?').get(name);
    return row === undefined ? undefined : fromRow(row);
  }

  /** Insert a new record (the name must be free). */
  insert(r: ImageRecord): void {
    this.#db
      .prepare(
        `INSERT INTO images (name, kind, format, arch, pool, volume, path, size_bytes, source, catalog_entry,
          checksum_algo, checksum, verified_by, signer, insecure, insecure_reason, added_at, verified_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        r.name,
        r.kind,
        r.format,
        r.arch ?? null,
        r.pool,
        r.volume,
        r.path,
        r.sizeBytes,
        r.source,
        r.catalogEntry ?? null,
        r.checksum.algorithm,
        r.checksum.value,
        r.verifiedBy,
        r.signer ?? null,
        r.insecure ? 1 : 0,
        r.insecureReason ?? null,
        r.addedAt,
        r.verifiedAt ?? null,
      );
  }

  /** Record a successful re-verification. */
  markVerified(name: string, at: string): void {
    this.#db.prepare('UPDATE images SET verified_at = ? WHERE name = ?').run(at, name);
  }

  /** Remove a record; true when there was one. */
  delete(name: string): boolean {
    return this.#db.prepare('DELETE FROM images WHERE name = ?').run(name).changes > 0;
  }
}
