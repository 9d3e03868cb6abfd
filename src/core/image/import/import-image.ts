// `hv image import FILE`: a local ISO or disk image enters the library. The path must be inside the
// allowed roots (validatePath); the file is copied (or moved with --move) into the pool, hashed there,
// so the recorded checksum is of what is stored, and compared with --sha256/--sha512 when given
// (verified-by that algorithm; otherwise `local`: hv computed it and nobody vouched for it). A file
// already lying in images.dir but unknown to hv is adopted in place.
import { realpath, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { ConflictError, StorageError, ValidationError, VerificationError } from '../../errors/index.js';
import { validateName } from '../../validate/validate-name.js';
import {
  CHECKSUM_HEX_LENGTH,
  type ChecksumAlgorithm,
  type ImageKind,
} from '../catalog/catalog-entry-schema.js';
import { hashFile } from '../checksum/hash-file.js';
import { detectImageFormat, kindOfFormat, nameFromFileName, volumeNameOf } from '../detect-image-format.js';
import type { ImageRecord } from '../image-record.js';
import type { ImageRecords } from '../library/image-records.js';
import type { LibraryPool } from '../library/library-pool.js';

/** Options of an import. */
export interface ImportRequest {
  /** Real path, already checked against the allowed roots. */
  readonly path: string;
  readonly name?: string;
  readonly kind?: ImageKind;
  readonly sha256?: string;
  readonly sha512?: string;
  /** Move instead of copy. */
  readonly move?: boolean;
}

/** What an import needs from its surroundings. */
export interface ImportContext {
  readonly records: ImageRecords;
  readonly pool: LibraryPool;
  /** images.dir, real path. */
  readonly libraryDir: string;
  readonly signal?: AbortSignal;
}

function expectedOf(req: ImportRequest): { algorithm: ChecksumAlgorithm; hash: string | undefined } {
  if (req.sha256 !== undefined && req.sha512 !== undefined) {
    throw new ValidationError('--sha256/--sha512', 'give one checksum, not both');
  }
  const algorithm: ChecksumAlgorithm = req.sha512 !== undefined ? 'sha512' : 'sha256';
  const given = (req.sha512 ?? req.sha256)?.trim().toLowerCase();
  if (given !== undefined && !new RegExp(`^[0-9a-f]{${CHECKSUM_HEX_LENGTH[algorithm]}}$`).test(given)) {
    throw new ValidationError(`--${algorithm}`, `must be ${CHECKSUM_HEX_LENGTH[algorithm]} hex digits`, {
      value: given,
    });
  }
  return { algorithm, hash: given };
}

/** Import one file. */
export async function importImage(req: ImportRequest, ctx: ImportContext): Promise<ImageRecord> {
  const { algorithm, hash: given } = expectedOf(req);
  const st = await stat(req.path).catch(() => undefined);
  if (st?.isFile() !== true) {
    throw new StorageError(`${req.path}: no such regular file`, {
      code: 'STORAGE_NOT_FOUND',
      details: { path: req.path },
    });
  }
  const derived = nameFromFileName(basename(req.path));
  if (req.name === undefined && derived === undefined) {
    throw new ValidationError('name', 'cannot be derived from the file name; give --name', {
      value: basename(req.path),
    });
  }
  const name = validateName('name', req.name ?? derived);
  if (ctx.records.get(name) !== undefined) {
    throw new ConflictError(`image ${name} is already in the library; choose another --name`, {
      code: 'ALREADY_EXISTS',
    });
  }
  const format = await detectImageFormat(req.path);
  const kind = req.kind ?? kindOfFormat(format);
  const adopt = dirname(req.path) === ctx.libraryDir;
  let volume: string;
  let path: string;
  if (adopt) {
    volume = basename(req.path);
    path = (await ctx.pool.volumePath(volume)) ?? req.path;
  } else {
    const placed = await ctx.pool.place(req.path, volumeNameOf(name, kind, format), {
      move: req.move === true,
    });
    volume = placed.volume;
    path = placed.path;
  }
  const h = await hashFile(path, algorithm, ctx.signal === undefined ? {} : { signal: ctx.signal });
  if (given !== undefined && h.hash !== given) {
    if (!adopt) await ctx.pool.remove(volume).catch(() => undefined);
    throw new VerificationError(
      `${req.path}: ${algorithm} is ${h.hash}, not the ${given} given; nothing was imported`,
      {
        code: 'CHECKSUM_MISMATCH',
        details: { expected: given, actual: h.hash },
      },
    );
  }
  const record: ImageRecord = {
    name,
    kind,
    format,
    arch: undefined,
    pool: ctx.pool.name,
    volume,
    path: await realpath(path).catch(() => path),
    sizeBytes: h.bytes,
    source: req.path,
    catalogEntry: undefined,
    checksum: { algorithm, value: h.hash },
    verifiedBy: given !== undefined ? algorithm : 'local',
    signer: undefined,
    insecure: false,
    insecureReason: undefined,
    addedAt: new Date().toISOString(),
    verifiedAt: undefined,
  };
  try {
    ctx.records.insert(record);
  } catch (err) {
    if (!adopt) await ctx.pool.remove(volume).catch(() => undefined);
    throw err;
  }
  return record;
}
