// Locates files of the repository from compiled tests (dist/test/helpers -> repository root), for
// tests that compare generated documents with the committed ones.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** Absolute path of a file given relative to the repository root. */
export function repoPath(relative: string): string {
  return fileURLToPath(new URL(`../../../${relative}`, import.meta.url));
}

/** Read a committed file of the repository as text ('' when it does not exist). */
export async function readRepoFile(relative: string): Promise<string> {
  return readFile(repoPath(relative), 'utf8').catch(() => '');
}
