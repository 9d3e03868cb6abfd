// What hv records about each image in its library (SQLite, table `images`): identity, where the file
// is, where it came from, and exactly how it was verified, including an explicit --insecure choice.
import type { ChecksumAlgorithm, ImageKind } from './catalog/catalog-entry-schema.js';

/** How an image was proven authentic when it was added. */
export type VerifiedBy =
  /** Checksum from a list whose signature by a pinned key was checked (or the image's own signature). */
  | 'sha256+gpg'
  | 'sha512+gpg'
  /** Checksum from an unsigned published list, a pinned catalog value, or given on the command line. */
  | 'sha256'
  | 'sha512'
  /** Imported from a local file without a reference checksum: hv computed it. */
  | 'local'
  /** Nothing was checked (only with --insecure). */
  | 'none';

/** One image of the library. */
export interface ImageRecord {
  readonly name: string;
  readonly kind: ImageKind;
  /** qcow2, raw or iso. */
  readonly format: string;
  readonly arch: string | undefined;
  readonly pool: string;
  readonly volume: string;
  readonly path: string;
  readonly sizeBytes: number;
  /** Source URL, or the local file it was imported from. */
  readonly source: string;
  readonly catalogEntry: string | undefined;
  readonly checksum: { readonly algorithm: ChecksumAlgorithm; readonly value: string };
  readonly verifiedBy: VerifiedBy;
  /** Fingerprint of the pinned key whose signature was checked. */
  readonly signer: string | undefined;
  /** True when --insecure let something through that could not be verified. */
  readonly insecure: boolean;
  /** What could not be verified, when insecure. */
  readonly insecureReason: string | undefined;
  /** ISO 8601. */
  readonly addedAt: string;
  /** Last successful `hv image verify`, ISO 8601. */
  readonly verifiedAt: string | undefined;
}

/** The VERIFIED column of `hv image list`: INSECURE when --insecure was used, else verified-by. */
export function verifiedLabel(r: Pick<ImageRecord, 'insecure' | 'verifiedBy'>): string {
  return r.insecure ? 'INSECURE' : r.verifiedBy;
}
