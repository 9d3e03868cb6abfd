// What `hv image pull X` is going to fetch and check, decided before any byte moves: a catalog entry
// by name, or a URL with a checksum from the command line. Pure apart from reading the catalog.
import { posix } from 'node:path';
import { ValidationError } from '../../errors/index.js';
import { closestMatch } from '../../validate/closest-match.js';
import { validateHttpUrl } from '../../validate/validate-http-url.js';
import { validateName } from '../../validate/validate-name.js';
import {
  CHECKSUM_HEX_LENGTH,
  normalizeFingerprint,
  type ChecksumAlgorithm,
  type ImageKind,
} from '../catalog/catalog-entry-schema.js';
import type { ImageCatalog } from '../catalog/load-image-catalog.js';
import { nameFromFileName } from '../detect-image-format.js';

/** Options of a pull that shape the plan. */
export interface PullRequest {
  /** A catalog name or an http(s) URL. */
  readonly source: string;
  readonly name?: string;
  readonly kind?: ImageKind;
  readonly sha256?: string;
  readonly sha512?: string;
}

/** A resolved pull: where everything is and what must be checked. */
export interface PullPlan {
  readonly name: string;
  readonly kind: ImageKind | undefined;
  readonly arch: string | undefined;
  readonly catalogEntry: string | undefined;
  /** The image URL, or its directory when `file` holds a `*`. */
  readonly url: URL;
  /** Name of the image in the checksum list (may hold `*`). */
  readonly file: string;
  readonly algorithm: ChecksumAlgorithm;
  readonly checksumUrl: URL | undefined;
  /** A checksum given by the catalog entry or on the command line. */
  readonly pinnedChecksum: string | undefined;
  readonly signature:
    | {
        readonly format: 'detached' | 'clearsigned';
        readonly signs: 'checksums' | 'image';
        readonly url: URL | undefined;
        readonly fingerprints: readonly string[];
      }
    | undefined;
}

function givenChecksum(req: PullRequest): { algorithm: ChecksumAlgorithm; value: string } | undefined {
  if (req.sha256 !== undefined && req.sha512 !== undefined) {
    throw new ValidationError('--sha256/--sha512', 'give one checksum, not both');
  }
  const [algorithm, value] =
    req.sha256 !== undefined
      ? (['sha256', req.sha256] as const)
      : req.sha512 !== undefined
        ? (['sha512', req.sha512] as const)
        : [];
  if (algorithm === undefined) return undefined;
  const hex = value.trim().toLowerCase();
  if (!new RegExp(`^[0-9a-f]{${CHECKSUM_HEX_LENGTH[algorithm]}}$`).test(hex)) {
    throw new ValidationError(`--${algorithm}`, `must be ${CHECKSUM_HEX_LENGTH[algorithm]} hex digits`, {
      value,
    });
  }
  return { algorithm, value: hex };
}

/** Resolve `req` against the catalog. */
export function planPull(req: PullRequest, catalog: ImageCatalog): PullPlan {
  const given = givenChecksum(req);
  if (/^[a-z][a-z0-9+.-]*:/i.test(req.source)) {
    const url = validateHttpUrl('url', req.source);
    const file = posix.basename(url.pathname);
    const derived = nameFromFileName(decodeURIComponent(file));
    if (req.name === undefined && derived === undefined) {
      throw new ValidationError('name', 'cannot be derived from the URL; give --name', { value: req.source });
    }
    const name = validateName('name', req.name ?? derived);
    return {
      name,
      kind: req.kind,
      arch: undefined,
      catalogEntry: undefined,
      url,
      file: file === '' ? name : file,
      algorithm: given?.algorithm ?? 'sha256',
      checksumUrl: undefined,
      pinnedChecksum: given?.value,
      signature: undefined,
    };
  }
  const entry = catalog.get(req.source);
  if (entry === undefined) {
    const hint = closestMatch(req.source, [...catalog.keys()]);
    throw new ValidationError(
      'image',
      `is neither a URL nor a catalog entry${hint === undefined ? '' : ` (did you mean ${hint}?)`}; hv image list --catalog shows the catalog`,
      { value: req.source },
    );
  }
  if (given !== undefined && given.algorithm !== entry.checksum.algorithm) {
    throw new ValidationError(
      `--${given.algorithm}`,
      `${entry.name} is checked with ${entry.checksum.algorithm}; give --${entry.checksum.algorithm}`,
    );
  }
  if (
    given !== undefined &&
    entry.checksum.value !== undefined &&
    given.value !== entry.checksum.value.toLowerCase()
  ) {
    throw new ValidationError(
      `--${given.algorithm}`,
      `differs from the checksum the catalog pins for ${entry.name}`,
    );
  }
  const url = new URL(entry.url);
  const sig = entry.signature;
  return {
    name: validateName('name', req.name ?? entry.name),
    kind: req.kind ?? entry.kind,
    arch: entry.arch,
    catalogEntry: entry.name,
    url,
    file: entry.file ?? posix.basename(url.pathname),
    algorithm: entry.checksum.algorithm,
    checksumUrl: entry.checksum.url === undefined ? undefined : new URL(entry.checksum.url, url),
    pinnedChecksum: given?.value ?? entry.checksum.value?.toLowerCase(),
    signature:
      sig === undefined
        ? undefined
        : {
            format: sig.format,
            signs: sig.signs,
            url: sig.url === undefined ? undefined : new URL(sig.url, url),
            fingerprints: sig.fingerprints.map(normalizeFingerprint),
          },
  };
}
