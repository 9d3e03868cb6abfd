// Why: a short command such as `hv ls` is dominated by Node finding, reading and compiling code, not by
// libvirt. Bundling tsc's output and the pure-JavaScript dependencies into ONE minified CommonJS file
// (dist/cli/hv.cjs) lets bin/hv load it with a single read and reuse V8's compiled code between runs
// (see bin/hv); Node 20 has no compile cache for ES modules. Native or optional-native packages
// (better-sqlite3, ssh2) stay in node_modules and are required at run time. Runs after tsc in
// `npm run build`. Written to a temporary name and renamed, so an hv starting meanwhile never reads a
// half-written bundle.
import { build } from 'esbuild';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = join(root, 'dist', 'cli');
const outfile = join(outdir, 'hv.cjs');

// commander requires node:child_process at load (~8 ms) only to run executable subcommands, which hv
// does not have: it gets the module on first use instead. Fails the build if commander changes.
const lazyChildProcessInCommander = {
  name: 'lazy-child-process-in-commander',
  setup(b) {
    b.onLoad({ filter: /commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
      const eager = "const childProcess = require('node:child_process');";
      const source = await readFile(args.path, 'utf8');
      if (!source.includes(eager)) throw new Error(`${args.path}: commander no longer has: ${eager}`);
      const lazy = "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };";
      return { contents: source.replace(eager, lazy), loader: 'js' };
    });
  },
};

const result = await build({
  plugins: [lazyChildProcessInCommander],
  absWorkingDir: root,
  entryPoints: ['dist/src/cli/main.js'],
  outfile,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3', 'ssh2'],
  // import.meta.url (used to find the package root) becomes the bundle's own file URL.
  define: { 'import.meta.url': '__hvBundleUrl' },
  banner: { js: 'var __hvBundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  minify: true,
  // Error classes, commands and stack traces keep their real names.
  keepNames: true,
  charset: 'ascii',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  write: false,
});
await mkdir(outdir, { recursive: true });
const written = new Set();
for (const file of result.outputFiles) {
  const tmp = `${file.path}.${process.pid}.tmp`;
  await writeFile(tmp, file.contents);
  await rename(tmp, file.path);
  written.add(basename(file.path));
}
// Earlier builds wrote ES-module chunks here; nothing loads them any more.
for (const name of await readdir(outdir)) {
  if (!written.has(name) && !name.endsWith('.tmp')) await rm(join(outdir, name), { force: true });
}
const size = result.outputFiles.find((f) => f.path === outfile)?.contents.length ?? 0;
console.log(`bundle-cli: dist/cli/hv.cjs (${(size / 1024).toFixed(0)} KiB)`);
