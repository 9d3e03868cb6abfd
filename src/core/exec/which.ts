// Finding a program on PATH without running anything: doctor and commands ask "is qemu-img here?"
// before deciding what to do, and a missing program becomes a clear DependencyError, not an ENOENT.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    const st = await stat(path);
    if (!st.isFile()) return false;
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The absolute path of `program` as the PATH search would find it (a name with a slash is checked
 * as given), or undefined when there is no executable file by that name. Spawns nothing.
 * @param searchPath the PATH to search (default: process.env.PATH).
 */
export async function which(
  program: string,
  searchPath = process.env.PATH ?? '',
): Promise<string | undefined> {
  if (program === '') return undefined;
  if (program.includes('/')) {
    return (await isExecutableFile(program)) ? program : undefined;
  }
  for (const dir of searchPath.split(delimiter)) {
    if (dir === '' || !isAbsolute(dir)) continue; // relative PATH entries are a trap for root
    const candidate = join(dir, program);
    if (await isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}
