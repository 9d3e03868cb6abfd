// Why: hv reads files shipped beside its code (package.json for the version, data/ for the image
// catalog). The compiled modules sit at different depths under dist/ (tsc's tree, or the one-file
// bundle the CLI starts from), so the root is found by walking up to hv's package.json, not by a
// fixed number of `..`.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: { root: string; version: string } | undefined;

function find(): { root: string; version: string } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (pkg.name === 'hv') {
        return { root: dir, version: typeof pkg.version === 'string' ? pkg.version : '0.0.0' };
      }
    } catch {
      // no (readable) package.json here: keep walking up
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`hv's package.json not found above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

/** The directory holding hv's package.json (the install or checkout root). */
export function packageRoot(): string {
  cached ??= find();
  return cached.root;
}

/** The version string from hv's package.json. */
export function packageVersion(): string {
  cached ??= find();
  return cached.version;
}
