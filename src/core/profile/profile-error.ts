// A profile that breaks rules is one error (code PROFILE_INVALID, exit 4) that still carries every
// problem found, each naming its field path (`disks[1].size`) and the rule, with the file position
// when the text had one. Warnings (things hv accepted but will not use) travel beside the profile.
import { ValidationError } from '../errors/index.js';

/** One broken rule in a profile. */
export interface ProfileIssue {
  /** Field path in the file's own names, e.g. `disks[1].size`, `network.bridge`. */
  readonly path: string;
  readonly rule: string;
  /** The rejected value, already made safe for display (see showValue). */
  readonly value?: string;
  /** 1-based position in the file, when known. */
  readonly line?: number;
  readonly column?: number;
}

/** Something accepted but not (fully) used, e.g. an unknown field in a Hyper-NixOS profile. */
export interface ProfileWarning {
  readonly path: string;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

/** Most issues spelled out in the message; the rest are counted (all are in `issues`). */
const SHOWN = 3;

/** `source:line:col: path: rule (got value)`. */
export function formatProfileIssue(issue: ProfileIssue, source?: string): string {
  const where =
    source === undefined
      ? ''
      : `${source}${issue.line === undefined ? '' : `:${issue.line}:${issue.column ?? 1}`}: `;
  return `${where}${issue.path}: ${issue.rule}${issue.value === undefined ? '' : ` (got ${issue.value})`}`;
}

/** `source:line:col: warning: path: message`. */
export function formatProfileWarning(warning: ProfileWarning, source?: string): string {
  const where =
    source === undefined
      ? ''
      : `${source}${warning.line === undefined ? '' : `:${warning.line}:${warning.column ?? 1}`}: `;
  return `${where}warning: ${warning.path}: ${warning.message}`;
}

/**
 * A profile is invalid. `field` and `rule` are those of the first issue; `issues` holds them all;
 * the message lists up to three as `source:line:col: path: rule (got value)`.
 */
export class ProfileError extends ValidationError {
  readonly issues: readonly ProfileIssue[];
  readonly source: string | undefined;

  constructor(issues: readonly ProfileIssue[], source?: string) {
    const first = issues[0] ?? { path: '(profile)', rule: 'is invalid' };
    super(first.path, first.rule, {
      code: 'PROFILE_INVALID',
      details: { ...(source === undefined ? {} : { file: source }), issues: [...issues] },
    });
    this.issues = issues.length === 0 ? [first] : issues;
    this.source = source;
    const shown = this.issues.slice(0, SHOWN).map((i) => formatProfileIssue(i, source));
    const more = this.issues.length > SHOWN ? `; and ${this.issues.length - SHOWN} more` : '';
    this.message = `${shown.join('; ')}${more}`;
  }
}
