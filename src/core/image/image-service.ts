// ImageService: the image library's one entry point for every interface (CLI now, daemon later):
// list, pull, import, verify, info, remove. It owns the wiring (configuration, hv.db, the libvirt
// connection opened only when a verb needs it, the library pool) and leaves each verb's logic to
// its module.
import { realpath } from 'node:fs/promises';
import { join } from 'node:path';
import type { LibvirtClient } from '../../libvirt/index.js';
import { allowedRoots } from '../config/allowed-roots.js';
import type { HvConfig } from '../config/config-schema.js';
import { ConflictError, HvError, StorageError, VerificationError } from '../errors/index.js';
import type { StateDb } from '../store/state-db.js';
import { validatePath } from '../validate/validate-path.js';
import { validateName } from '../validate/validate-name.js';
import type { ImageKind } from './catalog/catalog-entry-schema.js';
import { loadImageCatalog, type CatalogItem, type ImageCatalog } from './catalog/load-image-catalog.js';
import { hashFile } from './checksum/hash-file.js';
import type { DownloadProgress } from './download/download-file.js';
import type { ImageRecord } from './image-record.js';
import { importImage, type ImportRequest } from './import/import-image.js';
import { scanImageFiles } from './import/scan-image-files.js';
import { ImageRecords } from './library/image-records.js';
import { isLocalUri, LibraryPool } from './library/library-pool.js';
import { pullImage, type PullResult } from './pull/pull-image.js';
import { planPull, type PullRequest } from './pull/pull-plan.js';
import { findImageUsers, type ImageUser } from './usage/find-image-users.js';

/** How to build an ImageService. */
export interface ImageServiceOptions {
  readonly config: HvConfig;
  readonly db: StateDb;
  /** Opens the libvirt connection; called at most once, and only by verbs that need libvirt. */
  readonly host: () => Promise<LibvirtClient>;
  readonly signal?: AbortSignal;
  readonly onNotice?: (message: string) => void;
  readonly onProgress?: (name: string, p: DownloadProgress) => void;
  /** Replaces data/images/catalog.yaml (tests). */
  readonly builtinCatalogPath?: string;
  /** Overrides the transfer mode derived from the connection URI (tests). */
  readonly transfer?: 'local' | 'stream';
}

/** Network overrides for one pull. */
export interface PullOptions extends PullRequest {
  readonly insecure?: boolean;
  readonly retries?: number;
  readonly stallTimeoutS?: number;
  readonly connectTimeoutS?: number;
  /** First retry delay (default 1 s). */
  readonly backoffMs?: number;
}

/** A catalog entry and whether it is in the library. */
export interface CatalogListing {
  readonly entry: CatalogItem;
  readonly pulledAs: string[];
}

/** Result of re-hashing one image. */
export interface VerifyResult {
  readonly name: string;
  readonly status: 'ok' | 'mismatch' | 'missing';
  readonly algorithm: string;
  readonly expected: string;
  readonly actual: string | undefined;
  readonly bytes: number;
  readonly seconds: number;
}

/** One file of an import scan. */
export interface ScanResult {
  readonly file: string;
  readonly image?: ImageRecord;
  readonly error?: HvError;
}

/** The image library. */
export class ImageService {
  readonly #o: ImageServiceOptions;
  readonly #records: ImageRecords;
  #client: Promise<LibvirtClient> | undefined;
  #pool: LibraryPool | undefined;

  constructor(options: ImageServiceOptions) {
    this.#o = options;
    this.#records = new ImageRecords(options.db);
  }

  #host(): Promise<LibvirtClient> {
    this.#client ??= this.#o.host();
    return this.#client;
  }

  async #libraryPool(): Promise<LibraryPool> {
    if (this.#pool === undefined) {
      const client = await this.#host();
      this.#pool = new LibraryPool(client, {
        name: this.#o.config.images.pool,
        path: this.#o.config.images.dir,
        transfer: this.#o.transfer ?? (isLocalUri(client.uri) ? 'local' : 'stream'),
        ...(this.#o.signal !== undefined && { signal: this.#o.signal }),
      });
    }
    return this.#pool;
  }

  /** The merged catalog (shipped, extra files, configuration). */
  catalog(): Promise<ImageCatalog> {
    return loadImageCatalog(this.#o.config.images, this.#o.builtinCatalogPath);
  }

  /** Every image in the library. */
  list(): ImageRecord[] {
    return this.#records.list();
  }

  /** Every catalog entry, with the library images pulled from it. */
  async listCatalog(): Promise<CatalogListing[]> {
    const records = this.#records.list();
    return [...(await this.catalog()).values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((entry) => ({
        entry,
        pulledAs: records.filter((r) => r.catalogEntry === entry.name).map((r) => r.name),
      }));
  }

  #get(name: string): ImageRecord {
    const rec = this.#records.get(validateName('name', name));
    if (rec === undefined) {
      throw new StorageError(`no image named ${name} in the library (hv image list)`, {
        code: 'STORAGE_NOT_FOUND',
        details: { name },
      });
    }
    return rec;
  }

  /** Download, verify and add an image from the catalog or a URL. */
  async pull(options: PullOptions): Promise<PullResult> {
    const plan = planPull(options, await this.catalog());
    const cfg = this.#o.config.images;
    return pullImage(plan, {
      records: this.#records,
      pool: () => this.#libraryPool(),
      stagingDir: join(this.#o.config.state_dir, 'downloads'),
      keyringDir: cfg.keyring_dir,
      insecure: options.insecure === true,
      net: {
        retries: options.retries ?? cfg.retries,
        connectTimeoutMs: (options.connectTimeoutS ?? cfg.connect_timeout_s) * 1000,
        stallTimeoutMs: (options.stallTimeoutS ?? cfg.stall_timeout_s) * 1000,
        ...(options.backoffMs !== undefined && { baseDelayMs: options.backoffMs }),
        ...(this.#o.signal !== undefined && { signal: this.#o.signal }),
      },
      ...(this.#o.onNotice !== undefined && { onNotice: this.#o.onNotice }),
      ...(this.#o.onProgress !== undefined && {
        onProgress: (p: DownloadProgress) => this.#o.onProgress?.(plan.name, p),
      }),
    });
  }

  async #checkedPath(field: string, path: string): Promise<string> {
    return validatePath(field, path, { roots: allowedRoots(this.#o.config) });
  }

  /** Add a local file to the library. */
  async import(file: string, options: Omit<ImportRequest, 'path'> = {}): Promise<ImageRecord> {
    const path = await this.#checkedPath('file', file);
    return importImage(
      { ...options, path },
      {
        records: this.#records,
        pool: await this.#libraryPool(),
        libraryDir: await realpath(this.#o.config.images.dir).catch(() => this.#o.config.images.dir),
        ...(this.#o.signal !== undefined && { signal: this.#o.signal }),
      },
    );
  }

  /** Import every *.iso, *.qcow2 and *.img under `dir`; files already imported by name are skipped. */
  async importScan(dir: string, options: { kind?: ImageKind; move?: boolean } = {}): Promise<ScanResult[]> {
    const root = await this.#checkedPath('dir', dir);
    const results: ScanResult[] = [];
    for (const file of await scanImageFiles(root)) {
      if (this.#o.signal?.aborted === true) break;
      try {
        results.push({ file, image: await this.import(file, options) });
      } catch (err) {
        if (!(err instanceof HvError)) throw err;
        results.push({ file, error: err });
      }
    }
    return results;
  }

  /** Re-hash stored images against their records (all when `names` is empty). */
  async verify(names: readonly string[]): Promise<VerifyResult[]> {
    const records = names.length === 0 ? this.#records.list() : names.map((n) => this.#get(n));
    const results: VerifyResult[] = [];
    for (const r of records) {
      const base = { name: r.name, algorithm: r.checksum.algorithm, expected: r.checksum.value };
      try {
        const h = await hashFile(
          r.path,
          r.checksum.algorithm,
          this.#o.signal === undefined ? {} : { signal: this.#o.signal },
        );
        const ok = h.hash === r.checksum.value;
        if (ok) this.#records.markVerified(r.name, new Date().toISOString());
        results.push({
          ...base,
          status: ok ? 'ok' : 'mismatch',
          actual: h.hash,
          bytes: h.bytes,
          seconds: h.seconds,
        });
      } catch (err) {
        if (!(err instanceof StorageError && err.code === 'STORAGE_NOT_FOUND')) throw err;
        results.push({ ...base, status: 'missing', actual: undefined, bytes: 0, seconds: 0 });
      }
    }
    return results;
  }

  /** Throws when any result is not ok (CHECKSUM_MISMATCH, else STORAGE_NOT_FOUND). */
  static assertVerified(results: readonly VerifyResult[]): void {
    const bad = results.filter((r) => r.status === 'mismatch');
    const missing = results.filter((r) => r.status === 'missing');
    if (bad.length > 0) {
      throw new VerificationError(
        `checksum mismatch: ${bad.map((r) => r.name).join(', ')} changed since it was added`,
        {
          code: 'CHECKSUM_MISMATCH',
          details: { mismatched: bad.map((r) => r.name), missing: missing.map((r) => r.name) },
        },
      );
    }
    if (missing.length > 0) {
      throw new StorageError(`missing from the library: ${missing.map((r) => r.name).join(', ')}`, {
        code: 'STORAGE_NOT_FOUND',
        details: { missing: missing.map((r) => r.name) },
      });
    }
  }

  /** Which VM disks use image `name`. */
  async usersOf(name: string): Promise<ImageUser[]> {
    const rec = this.#get(name);
    const client = await this.#host();
    return findImageUsers(client, rec, {
      local: isLocalUri(client.uri),
      ...(this.#o.signal !== undefined && { signal: this.#o.signal }),
    });
  }

  /** The record, whether its volume is present, and the VMs that use it. */
  async info(name: string): Promise<{ image: ImageRecord; volumePresent: boolean; usedBy: ImageUser[] }> {
    const image = this.#get(name);
    const pool = await this.#libraryPool();
    const volumePresent = (await pool.volumePath(image.volume)) !== undefined;
    return { image, volumePresent, usedBy: await this.usersOf(name) };
  }

  /** Remove an image; refused while any VM uses it (as a disk, a cdrom or a backing file). */
  async remove(name: string): Promise<{ image: ImageRecord; volumeRemoved: boolean }> {
    const image = this.#get(name);
    const users = await this.usersOf(name);
    if (users.length > 0) {
      const vms = [...new Set(users.map((u) => u.vm))];
      const how = users
        .map((u) => `${u.vm} (${u.target ?? '?'}, ${u.how === 'backing' ? 'backing file' : u.device})`)
        .join(', ');
      throw new ConflictError(
        `image ${name} is in use by ${vms.length === 1 ? 'VM' : 'VMs'} ${how}; detach or remove ${vms.length === 1 ? 'it' : 'them'} first`,
        {
          code: 'IN_USE',
          details: { name, users: users.map((u) => ({ ...u })) },
        },
      );
    }
    const volumeRemoved = await (await this.#libraryPool()).remove(image.volume);
    this.#records.delete(name);
    return { image, volumeRemoved };
  }
}
