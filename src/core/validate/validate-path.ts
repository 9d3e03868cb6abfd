// Paths users hand to hv (ISOs, images, disks, backup targets) must stay inside the directories the
// configuration allows. The check is by path components (so /var/lib/hv2 is not inside /var/lib/hv,
// the old string-prefix bug) and by real location: the deepest part of the path that exists is
// resolved through symbolic links, and a link that leads out of the roots is refused.
import { lstat, realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { ValidationError } from '../errors/index.js';
import { hasControlChars, requireString } from './require-string.js';

/** Where a path may live, and what relative paths are relative to. */
export interface PathOptions {
  /** Allowed root directories (absolute). */
  roots: readonly string[];
  /** Base for relative paths (default: the process's working directory). */
  cwd?: string;
}

function isInside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

function errnoOf(err: unknown): string | undefined {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

/** Resolve symlinks in the deepest existing ancestor; refuse dangling links in the missing tail. */
async function realLocation(field: string, path: string, shown: string): Promise<string> {
  const tail: string[] = [];
  let probe = path;
  for (;;) {
    try {
      return join(await realpath(probe), ...tail);
    } catch (err) {
      const code = errnoOf(err);
      if (code === 'ENOTDIR') {
        throw new ValidationError(field, 'must not go through something that is not a directory', {
          value: shown,
        });
      }
      if (code !== 'ENOENT') {
        throw new ValidationError(field, `cannot be checked (${code ?? 'error'} on ${probe})`, {
          value: shown,
          cause: err,
        });
      }
    }
    const exists = await lstat(probe).then(
      () => true,
      () => false,
    );
    if (exists) {
      throw new ValidationError(field, 'must not go through a dangling symbolic link', { value: shown });
    }
    tail.unshift(basename(probe));
    probe = dirname(probe);
  }
}

async function realRoot(root: string): Promise<string> {
  return realpath(root).catch(() => root);
}

/**
 * Check a path and return its real absolute location (symbolic links resolved as far as the path
 * exists). Rules: a non-empty string; no NUL or control characters; no `..` segment; inside one of
 * `roots` by path components; and still inside a root after resolving symbolic links.
 * @throws ValidationError naming the rule that failed.
 */
export async function validatePath(field: string, value: unknown, options: PathOptions): Promise<string> {
  const text = requireString(field, value);
  if (text === '') throw new ValidationError(field, 'must not be empty', { value: text });
  if (hasControlChars(text)) {
    throw new ValidationError(field, 'must not contain NUL or control characters', { value: text });
  }
  if (text.split('/').includes('..')) {
    throw new ValidationError(field, 'must not contain ".." segments', { value: text });
  }
  const roots = options.roots.filter((r) => isAbsolute(r)).map((r) => resolve(r));
  const where = roots.length === 0 ? '(no allowed roots are configured)' : roots.join(', ');
  const absolute = resolve(options.cwd ?? process.cwd(), text);
  if (!roots.some((r) => isInside(absolute, r))) {
    throw new ValidationError(field, `must be inside one of: ${where}`, { value: text });
  }
  const real = await realLocation(field, absolute, text);
  const realRoots = await Promise.all(roots.map(realRoot));
  if (!realRoots.some((r) => isInside(real, r))) {
    throw new ValidationError(field, `must not leave ${where} through a symbolic link`, {
      value: text,
      details: { resolved: real },
    });
  }
  return real;
}
