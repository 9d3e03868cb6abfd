// Text of a profile file (hv YAML/JSON, or a Hyper-NixOS JSON profile taken as it is) to a VmProfile,
// or one ProfileError listing every broken rule with its field path, line and column. Pure: reading
// the file is load-profile-file.ts's job.
import { LineCounter, parseDocument, type Document } from 'yaml';
import { showValue } from '../errors/index.js';
import type { RawIssue } from './check-profile.js';
import { isHyperNixosProfile, parseHyperNixosProfile } from './hyper-nixos/parse-hyper-nixos-profile.js';
import { parseHvProfile } from './parse-hv-profile.js';
import { ProfileError, type ProfileWarning } from './profile-error.js';
import { formatPath, toProfileIssues } from './profile-issues.js';
import { yamlPosition } from '../validate/yaml-position.js';
import type { VmProfile } from './vm-profile.js';

/** Which format a profile file was written in. */
export type ProfileFormat = 'hv' | 'hyper-nixos';

/** A valid profile, its format, and what was accepted but not used. */
export interface ParsedProfile {
  readonly profile: VmProfile;
  readonly format: ProfileFormat;
  readonly warnings: readonly ProfileWarning[];
}

interface Where {
  doc: Document;
  lines: LineCounter;
}

function toWarnings(raw: readonly RawIssue[], where?: Where): ProfileWarning[] {
  return raw.map((w) => ({
    path: formatPath(w.path),
    message: w.rule,
    ...(where === undefined ? undefined : yamlPosition(where.doc, where.lines, w.path, true)),
  }));
}

/**
 * Validate an already parsed object (from a file, the API, or domain metadata) as a profile.
 * @param source named in error messages (a file name).
 * @throws ProfileError (PROFILE_INVALID, exit 4) naming every broken rule.
 */
export function parseProfileObject(raw: unknown, source?: string, where?: Where): ParsedProfile {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ProfileError(
      [{ path: '(top level)', rule: 'must be a mapping of keys', value: showValue(raw) }],
      source,
    );
  }
  if (isHyperNixosProfile(raw)) {
    const r = parseHyperNixosProfile(raw);
    if (!r.ok) throw new ProfileError(toProfileIssues(r.issues, raw, where), source);
    return { profile: r.profile, format: 'hyper-nixos', warnings: toWarnings(r.warnings, where) };
  }
  const r = parseHvProfile(raw);
  if (!r.ok) throw new ProfileError(toProfileIssues(r.issues, raw, where), source);
  return { profile: r.profile, format: 'hv', warnings: [] };
}

/**
 * Parse the text of a profile file (YAML or JSON; the format is recognised from its field names).
 * @throws ProfileError for syntax errors (with line and column) and for every broken rule.
 */
export function parseProfileText(text: string, source: string): ParsedProfile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax !== undefined) {
    const pos = syntax.linePos?.[0];
    const what = (syntax.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new ProfileError(
      [
        {
          path: '(file)',
          rule: `YAML/JSON syntax error: ${what}`,
          ...(pos ? { line: pos.line, column: pos.col } : {}),
        },
      ],
      source,
    );
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new ProfileError([{ path: '(file)', rule: `YAML aliases expand too much (${why})` }], source);
  }
  return parseProfileObject(raw ?? {}, source, { doc, lines });
}
