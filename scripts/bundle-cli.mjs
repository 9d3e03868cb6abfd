// Why: Node spends most of a short command's time finding, reading and compiling ~140 small ES
// modules. Bundling tsc's output into a few files (lazy command bodies stay separate chunks) halves
// the start-up of `hv ls`. Runs after tsc in `npm run build`; dependencies stay in node_modules.
import { build } from 'esbuild';
import { readdir, rm, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/cli`;

const result = await build({
  absWorkingDir: root,
  entryPoints: ['dist/src/cli/main.js'],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  metafile: true,
});
// Chunks are content-hashed, so a new build writes beside the old one instead of emptying the
// directory first: an `hv` already running (a test, a second build's user) can still load its lazy
// chunks. Files no build has written for ten minutes are removed.
const current = new Set(Object.keys(result.metafile.outputs).map((f) => relative(outdir, join(root, f))));
const now = Date.now();
for (const name of await readdir(outdir)) {
  if (current.has(name)) continue;
  const path = join(outdir, name);
  if (now - (await stat(path)).mtimeMs > 10 * 60_000) await rm(path, { force: true });
}
const files = [...current].filter((f) => f.endsWith('.js')).length;
console.log(`bundle-cli: ${files} files in dist/cli`);
