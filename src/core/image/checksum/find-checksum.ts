// Picks the line for one file out of a parsed checksum list. A file pattern with `*` (a catalog entry
// like `ubuntu-24.04.*-live-server-amd64.iso`) selects the highest version among the signed names, so
// a point release is found without editing the catalog. Ambiguity is an error, never a guess.
import { ValidationError, VerificationError } from '../../errors/index.js';
import type { ChecksumAlgorithm } from '../catalog/catalog-entry-schema.js';
import type { ChecksumLine } from './parse-checksum-list.js';

/** The expected checksum of one file. */
export interface ExpectedChecksum {
  readonly file: string;
  readonly algorithm: ChecksumAlgorithm;
  readonly hash: string;
}

function globToRegExp(pattern: string): RegExp {
  const body = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]*');
  return new RegExp(`^${body}$`);
}

const byVersion = new Intl.Collator('en', { numeric: true });

/**
 * The checksum for `file` (a name, or a pattern with `*`) with `algorithm`, from `lines`.
 * A list with a single bare hash applies to whatever file it accompanies, and so does the one line of
 * a sidecar file (`options.sidecar`).
 * @throws VerificationError(CHECKSUM_MISMATCH) when the list names the file twice with different
 *   hashes; ValidationError when nothing matches (the message lists what the list holds).
 */
export function findChecksum(
  lines: readonly ChecksumLine[],
  file: string,
  algorithm: ChecksumAlgorithm,
  listName = 'the checksum list',
  options: { sidecar?: boolean } = {},
): ExpectedChecksum {
  const usable = lines.filter((l) => l.algorithm === algorithm);
  const bare = usable.filter((l) => l.file === undefined);
  const named = usable.filter((l): l is ChecksumLine & { file: string } => l.file !== undefined);
  let candidates: (ChecksumLine & { file: string })[];
  if (file.includes('*')) {
    const re = globToRegExp(file);
    const matching = named.filter((l) => re.test(l.file));
    const best = matching.map((l) => l.file).sort((a, b) => byVersion.compare(b, a))[0];
    candidates = matching.filter((l) => l.file === best);
  } else {
    candidates = named.filter((l) => l.file === file);
  }
  if (candidates.length === 0 && bare.length === 1 && named.length === 0 && !file.includes('*')) {
    return { file, algorithm, hash: bare[0]?.hash ?? '' };
  }
  // A sidecar (`<file>.sha256`) holds one line for the file it sits beside, whatever name it records
  // (NixOS's `latest-...iso.sha256` names the versioned ISO the link points to).
  const only = named[0];
  if (candidates.length === 0 && options.sidecar === true && named.length === 1 && only !== undefined) {
    return { file, algorithm, hash: only.hash };
  }
  const first = candidates[0];
  if (first === undefined) {
    const names = named.map((l) => l.file);
    const shown = names.slice(0, 8).join(', ') + (names.length > 8 ? `, ... (${names.length} names)` : '');
    throw new ValidationError(
      'file',
      `no ${algorithm} checksum for ${file} in ${listName}${names.length > 0 ? ` (it lists ${shown})` : ' (it lists no usable lines)'}`,
    );
  }
  if (candidates.some((c) => c.hash !== first.hash)) {
    throw new VerificationError(`${listName} gives two different ${algorithm} checksums for ${first.file}`, {
      code: 'CHECKSUM_MISMATCH',
      details: { file: first.file },
    });
  }
  return { file: first.file, algorithm, hash: first.hash };
}
