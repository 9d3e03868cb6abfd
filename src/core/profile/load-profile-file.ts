// Reads a profile file from disk and parses it. A missing or unreadable file is its own error (a
// storage or permission problem), not an invalid profile; a huge file is refused before parsing.
import { readFile } from 'node:fs/promises';
import { PermissionError, StorageError, ValidationError } from '../errors/index.js';
import { parseProfileText, type ParsedProfile } from './parse-profile-text.js';

/** Profiles are a few KiB; anything past this is not one. */
const MAX_PROFILE_BYTES = 1024 * 1024;

function errnoOf(err: unknown): string | undefined {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

/**
 * Read and validate the profile at `path` (hv YAML/JSON or Hyper-NixOS JSON).
 * @throws StorageError (STORAGE_NOT_FOUND) when missing, PermissionError when unreadable,
 *   ValidationError when it is a directory or larger than 1 MiB, ProfileError when invalid.
 */
export async function loadProfileFile(path: string): Promise<ParsedProfile> {
  let text: string;
  try {
    const buf = await readFile(path);
    if (buf.length > MAX_PROFILE_BYTES) {
      throw new ValidationError(path, 'is larger than 1 MiB; not a profile', { code: 'PROFILE_INVALID' });
    }
    text = buf.toString('utf8');
  } catch (err) {
    if (err instanceof ValidationError) throw err;
    const code = errnoOf(err);
    if (code === 'ENOENT') {
      throw new StorageError(`${path}: profile file does not exist`, {
        code: 'STORAGE_NOT_FOUND',
        cause: err,
        details: { file: path },
      });
    }
    if (code === 'EACCES' || code === 'EPERM') {
      throw new PermissionError(`${path}: cannot read the profile: permission denied`, {
        cause: err,
        details: { file: path },
      });
    }
    if (code === 'EISDIR') {
      throw new ValidationError(path, 'is a directory, not a profile file', {
        code: 'PROFILE_INVALID',
        cause: err,
      });
    }
    throw new StorageError(`${path}: cannot read the profile (${code ?? String(err)})`, {
      cause: err,
      details: { file: path },
    });
  }
  return parseProfileText(text, path);
}
