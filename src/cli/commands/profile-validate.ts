// Body of `hv profile validate FILE...`: every file is checked (one bad file does not hide the next),
// each gets `FILE: ok` or its errors, Hyper-NixOS fields hv will not use are warnings, and the command
// fails with PROFILE_INVALID (exit 4) when any file is invalid.
import { HvError, ValidationError } from '../../core/errors/index.js';
import { loadProfileFile } from '../../core/profile/load-profile-file.js';
import {
  formatProfileIssue,
  formatProfileWarning,
  ProfileError,
  type ProfileIssue,
  type ProfileWarning,
} from '../../core/profile/profile-error.js';
import type { ProfileFormat } from '../../core/profile/parse-profile-text.js';
import type { CliContext } from '../context.js';
import { printJson, printText } from '../render/output.js';

/** The verdict on one file. */
interface FileResult {
  file: string;
  valid: boolean;
  format?: ProfileFormat;
  name?: string;
  issues: ProfileIssue[];
  warnings: readonly ProfileWarning[];
  /** Why the file could not be checked at all (missing, unreadable). */
  error?: HvError;
}

async function check(file: string): Promise<FileResult> {
  try {
    const parsed = await loadProfileFile(file);
    return {
      file,
      valid: true,
      format: parsed.format,
      name: parsed.profile.name,
      issues: [],
      warnings: parsed.warnings,
    };
  } catch (err) {
    if (err instanceof ProfileError) return { file, valid: false, issues: [...err.issues], warnings: [] };
    if (err instanceof ValidationError) {
      return { file, valid: false, issues: [{ path: err.field, rule: err.rule }], warnings: [] };
    }
    if (err instanceof HvError) {
      return {
        file,
        valid: false,
        issues: [{ path: '(file)', rule: err.message }],
        warnings: [],
        error: err,
      };
    }
    throw err;
  }
}

/** `hv profile validate FILE...`. */
export async function profileValidate(ctx: CliContext, files: readonly string[]): Promise<undefined> {
  const results: FileResult[] = [];
  for (const file of files) results.push(await check(file));
  const bad = results.filter((r) => !r.valid);
  if (ctx.options.json) {
    printJson(ctx, { files: results.map(({ error: _e, ...r }) => r) });
  } else {
    for (const r of results) {
      for (const w of r.warnings) ctx.stderr.write(`${formatProfileWarning(w, r.file)}\n`);
      if (r.valid) {
        const what = r.format === 'hyper-nixos' ? 'Hyper-NixOS profile' : 'hv profile';
        printText(ctx, `${r.file}: ok (${what} ${r.name ?? ''})`);
      } else {
        // With one file, the final error line says it already.
        if (r.error !== undefined && results.length > 1) ctx.stderr.write(`${r.error.message}\n`);
        if (r.error === undefined)
          for (const i of r.issues) ctx.stderr.write(`${formatProfileIssue(i, r.file)}\n`);
      }
    }
  }
  // A file that could not be read fails with its own code (missing: 8, unreadable: 3).
  const unreadable = bad.find((r) => r.error !== undefined)?.error;
  if (unreadable !== undefined && bad.every((r) => r.error !== undefined)) throw unreadable;
  if (bad.length > 0) {
    const first = bad[0]?.issues[0];
    const message =
      results.length === 1 && first !== undefined
        ? `${results[0]?.file ?? ''} is not a valid profile: ${first.path}: ${first.rule}`
        : `${bad.length} of ${results.length} profiles are invalid`;
    throw new HvError('PROFILE_INVALID', message, { details: { invalid: bad.map((r) => r.file) } });
  }
  return undefined;
}
