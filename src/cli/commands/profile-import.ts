// Body of `hv profile import FILE... [--out DIR] [--force]`: Hyper-NixOS JSON profiles (hv ones are
// accepted and normalized too) become hv YAML, printed or written as DIR/<name>.yaml. Warnings about
// fields hv will not use go to stderr. All files are checked before anything is written, and each
// file is written to a temporary name and renamed, so a failure leaves no half-written profile.
import { lstat, mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ConflictError, showValue, StorageError } from '../../core/errors/index.js';
import { formatProfileYaml } from '../../core/profile/format-profile-yaml.js';
import { loadProfileFile } from '../../core/profile/load-profile-file.js';
import { formatProfileWarning } from '../../core/profile/profile-error.js';
import type { ParsedProfile } from '../../core/profile/parse-profile-text.js';
import { profileToDocument } from '../../core/profile/profile-document.js';
import type { CliContext } from '../context.js';
import { printJson, printText } from '../render/output.js';

interface Converted {
  file: string;
  parsed: ParsedProfile;
  yaml: string;
  out?: string;
}

function header(file: string, parsed: ParsedProfile): string[] {
  const name = basename(file);
  const shown = /^[\w.@+-]+$/.test(name) ? name : showValue(name);
  const from = parsed.format === 'hyper-nixos' ? 'a Hyper-NixOS profile' : 'an hv profile';
  return [`Imported by hv profile import from ${from} (${shown}).`, 'Fields: docs/profiles.md'];
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

function refuseExisting(path: string): ConflictError {
  return new ConflictError(`${path} already exists (use --force to replace it)`, { details: { file: path } });
}

/** Write `path` through a temporary file; unless `force`, never over an existing file. */
async function writeNew(path: string, text: string, force: boolean): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    const fh = await open(tmp, 'wx', 0o644);
    try {
      await fh.writeFile(text);
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (!force && (await exists(path))) throw refuseExisting(path);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    if (err instanceof ConflictError) throw err;
    throw new StorageError(`cannot write ${path}: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
      details: { file: path },
    });
  }
}

/** `hv profile import FILE... [--out DIR] [--force]`. */
export async function profileImport(
  ctx: CliContext,
  files: readonly string[],
  opts: { out?: string; force?: boolean },
): Promise<undefined> {
  const converted: Converted[] = [];
  for (const file of files) {
    const parsed = await loadProfileFile(file);
    for (const w of parsed.warnings) ctx.stderr.write(`${formatProfileWarning(w, file)}\n`);
    const yaml = formatProfileYaml(parsed.profile, header(file, parsed));
    const out = opts.out === undefined ? undefined : join(opts.out, `${parsed.profile.name}.yaml`);
    const clash = converted.find((c) => c.out !== undefined && c.out === out);
    if (clash !== undefined) {
      throw new ConflictError(`${file} and ${clash.file} both hold a VM named ${parsed.profile.name}`, {
        details: { files: [clash.file, file] },
      });
    }
    converted.push({ file, parsed, yaml, ...(out === undefined ? {} : { out }) });
  }
  const outs = converted.flatMap((c) => (c.out === undefined ? [] : [c.out]));
  if (opts.out !== undefined) {
    await mkdir(opts.out, { recursive: true }).catch((err: unknown) => {
      throw new StorageError(
        `cannot create ${opts.out ?? ''}: ${err instanceof Error ? err.message : String(err)}`,
        {
          cause: err,
        },
      );
    });
  }
  if (opts.force !== true) for (const out of outs) if (await exists(out)) throw refuseExisting(out);
  for (const c of converted) if (c.out !== undefined) await writeNew(c.out, c.yaml, opts.force === true);
  if (ctx.options.json) {
    printJson(ctx, {
      files: converted.map((c) => ({
        file: c.file,
        format: c.parsed.format,
        ...(c.out === undefined ? {} : { out: c.out }),
        profile: profileToDocument(c.parsed.profile, { compact: true }),
        warnings: c.parsed.warnings,
      })),
    });
  } else if (opts.out === undefined) {
    ctx.stdout.write(converted.map((c) => c.yaml).join('---\n'));
  } else {
    printText(ctx, converted.map((c) => `${c.file} -> ${c.out ?? ''}`).join('\n'));
  }
  return undefined;
}
