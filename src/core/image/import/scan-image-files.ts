// `hv image import --scan DIR` looks for installer media and disk images the way people leave them
// around: *.iso, *.qcow2, *.img, up to three directories deep, regular files only (symbolic links and
// hidden entries are skipped, so a scan cannot be led outside DIR).
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

const IMAGE_FILE = /\.(iso|qcow2|img)$/i;

/** Image files under `dir` (absolute paths, sorted), at most `depth` directory levels down. */
export async function scanImageFiles(dir: string, depth = 3): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string, level: number): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true }).catch(() => []);
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith('.')) continue;
      const p = join(d, e.name);
      if (e.isFile() && IMAGE_FILE.test(e.name)) out.push(p);
      else if (e.isDirectory() && level < depth) await walk(p, level + 1);
    }
  };
  await walk(dir, 1);
  return out;
}
