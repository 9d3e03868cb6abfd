// Published checksum lists come in two shapes: GNU coreutils (`HASH  name`, `HASH *name` for binary
// mode, a leading backslash when the name is escaped) and BSD/Fedora (`SHA256 (name) = HASH`), often
// with comments, CRLF line ends or a single bare hash (NixOS, Alpine `.sha256` files). This module
// reads all of them into one list, pure, so every format is unit-tested on strings.
import type { ChecksumAlgorithm } from '../catalog/catalog-entry-schema.js';

/** One line of a checksum list. */
export interface ChecksumLine {
  /** From the BSD tag, or from the hash length for GNU lines (64 -> sha256, 128 -> sha512). */
  readonly algorithm: ChecksumAlgorithm | undefined;
  /** Lower-case hex. */
  readonly hash: string;
  /** The file name, or undefined for a bare hash line. */
  readonly file: string | undefined;
}

const BSD_RE = /^(SHA-?256|SHA-?512|SHA-?1|MD5|SHA-?384|SHA-?224)\s*\((.+)\)\s*=\s*([0-9A-Fa-f]+)$/i;
const GNU_RE = /^(\\?)([0-9A-Fa-f]{32,128})[ \t]+(\*?)(.+)$/;
const BARE_RE = /^([0-9A-Fa-f]{64}|[0-9A-Fa-f]{128})$/;

function algorithmOfTag(tag: string): ChecksumAlgorithm | undefined {
  const t = tag.toUpperCase().replace('-', '');
  return t === 'SHA256' ? 'sha256' : t === 'SHA512' ? 'sha512' : undefined;
}

function algorithmOfLength(hash: string): ChecksumAlgorithm | undefined {
  return hash.length === 64 ? 'sha256' : hash.length === 128 ? 'sha512' : undefined;
}

/** GNU escapes `\\` and `\n` in names and marks such lines with a leading backslash. */
function unescapeGnu(name: string): string {
  return name.replace(/\\(\\|n)/g, (_m, c: string) => (c === 'n' ? '\n' : '\\'));
}

function normalizeName(name: string): string {
  return name.startsWith('./') ? name.slice(2) : name;
}

/**
 * Parse a checksum list (GNU, BSD, or one bare hash). Blank lines, `#` comments and lines of other
 * shapes are skipped; lines with algorithms hv does not verify with (MD5, SHA1...) are dropped.
 */
export function parseChecksumList(text: string): ChecksumLine[] {
  const out: ChecksumLine[] = [];
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const bsd = BSD_RE.exec(line);
    if (bsd !== null) {
      const algorithm = algorithmOfTag(bsd[1] ?? '');
      if (algorithm !== undefined) {
        out.push({ algorithm, hash: (bsd[3] ?? '').toLowerCase(), file: normalizeName(bsd[2] ?? '') });
      }
      continue;
    }
    const gnu = GNU_RE.exec(line);
    if (gnu !== null) {
      const hash = (gnu[2] ?? '').toLowerCase();
      const algorithm = algorithmOfLength(hash);
      if (algorithm === undefined) continue;
      const name = gnu[1] === '\\' ? unescapeGnu(gnu[4] ?? '') : (gnu[4] ?? '');
      out.push({ algorithm, hash, file: normalizeName(name) });
      continue;
    }
    const bare = BARE_RE.exec(line.trim());
    if (bare !== null) {
      const hash = (bare[1] ?? '').toLowerCase();
      out.push({ algorithm: algorithmOfLength(hash), hash, file: undefined });
    }
  }
  return out;
}
