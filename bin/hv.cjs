#!/usr/bin/env node
// Launcher of the `hv` CLI (started by bin/hv, or directly: `node bin/hv.cjs`). Why it is more than
// `require(bundle)`: compiling the ~1 MiB bundle (dist/cli/hv.cjs, made by `npm run build`) costs
// more than the rest of a short command such as `hv ls`, so V8's compiled code is kept between runs,
// one cache file per command word, in the user's own cache directory:
//   ${XDG_CACHE_HOME:-~/.cache}/hv/cli-<node>-<bundle size>-<bundle mtime>-<command>.<generation>.v8
// A cache holds the functions its runs compiled, so the first GENERATIONS runs of a command (say
// `ls --quiet`, then `ls`, then `ls --json`) each rewrite it with what they added (~15 ms once);
// later runs only read it. The cache is only read from a directory owned by this user and writable
// by no one else (compiled code is code), is rebuilt when V8 rejects it, and files of other builds
// are removed when a new one is written. HV_NO_CODE_CACHE=1 turns it off. Any cache trouble falls
// back to plain compilation.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const bundle = path.join(__dirname, '..', 'dist', 'cli', 'hv.cjs');
const VALUE_OPTIONS = new Set(['-c', '--connect', '--config']);
const GENERATIONS = 3;

/** The first command word of argv (skipping global options and their values), or "none". */
function commandWord(argv) {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (VALUE_OPTIONS.has(a)) i++;
    else if (/^[a-z][a-z0-9-]{0,30}$/.test(a)) return a;
    else if (!a.startsWith('-')) return 'other';
  }
  return 'none';
}

/** Owned by this user and writable by no one else: safe to take compiled code from. */
function isPrivate(st) {
  return st.uid === process.getuid() && (st.mode & 0o022) === 0;
}

/** This user's private cache directory, or undefined when it cannot be trusted or made. */
function cacheDir() {
  if (process.env.HV_NO_CODE_CACHE === '1' || typeof process.getuid !== 'function') return undefined;
  const home = process.env.HOME;
  const base = process.env.XDG_CACHE_HOME || (home ? path.join(home, '.cache') : undefined);
  if (base === undefined || !path.isAbsolute(base)) return undefined;
  const dir = path.join(base, 'hv');
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.lstatSync(dir);
    if (!st.isDirectory() || !isPrivate(st)) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

function readCache(file) {
  try {
    const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    try {
      return isPrivate(fs.fstatSync(fd)) ? fs.readFileSync(fd) : undefined;
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

/** The newest generation of `base`'s cache in `dir` (0: none). */
function newestGeneration(dir, base) {
  let newest = 0;
  try {
    for (const name of fs.readdirSync(dir)) {
      const m = name.startsWith(`${base}.`) ? /^\.(\d+)\.v8$/.exec(name.slice(base.length)) : null;
      if (m !== null) newest = Math.max(newest, Number(m[1]));
    }
  } catch {
    // No directory listing: no cache.
  }
  return newest;
}

/** Write `file`, then remove `base`'s other generations and other builds' files. */
function writeCache(dir, file, base, prefix, data) {
  try {
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, data, { mode: 0o600 });
    fs.renameSync(tmp, file);
    for (const name of fs.readdirSync(dir)) {
      const stale = name.startsWith(`${base}.`) ? path.join(dir, name) !== file : !name.startsWith(prefix);
      if (stale && name.startsWith('cli-') && !name.endsWith('.tmp')) {
        fs.rmSync(path.join(dir, name), { force: true });
      }
    }
  } catch {
    // A full or read-only disk only costs speed.
  }
}

function run() {
  let source;
  let stat;
  try {
    const fd = fs.openSync(bundle, 'r');
    try {
      stat = fs.fstatSync(fd);
      source = fs.readFileSync(fd, 'latin1'); // the bundle is ASCII (esbuild charset: ascii)
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    console.error(`hv: cannot load the CLI (${err.message}); run 'npm run build' first`);
    process.exit(1);
  }
  const dir = cacheDir();
  const prefix = `cli-${process.version}-${stat.size}-${Math.trunc(stat.mtimeMs)}-`;
  const base = `${prefix}${commandWord(process.argv.slice(2))}`;
  const generation = dir === undefined ? 0 : newestGeneration(dir, base);
  const cachedData = generation === 0 ? undefined : readCache(path.join(dir, `${base}.${generation}.v8`));
  const script = new vm.Script(Module.wrap(source), {
    filename: bundle,
    ...(cachedData !== undefined && { cachedData }),
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const usable = cachedData !== undefined && script.cachedDataRejected !== true;
  if (dir !== undefined && (!usable || generation < GENERATIONS)) {
    // At exit the cache also holds the functions this run compiled on the way.
    const next = path.join(dir, `${base}.${usable ? generation + 1 : 1}.v8`);
    process.once('exit', () => writeCache(dir, next, base, prefix, script.createCachedData()));
  }
  const mod = new Module(bundle, module);
  mod.filename = bundle;
  mod.paths = Module._nodeModulePaths(path.dirname(bundle));
  const req = (id) => mod.require(id);
  req.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
  req.cache = Module._cache;
  req.main = process.mainModule;
  mod.loaded = true;
  script.runInThisContext().call(mod.exports, mod.exports, req, mod, bundle, path.dirname(bundle));
}

run();
