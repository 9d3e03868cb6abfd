// Turns zod's issues into hv's words (`disks[1].size: must be a size like 20G`), adds "did you mean"
// to unknown keys and enum values, and finds each field's line and column in the YAML/JSON text.
import type { Document, LineCounter } from 'yaml';
import { valueAtPath, yamlPosition } from '../validate/yaml-position.js';
import { showValue } from '../errors/index.js';
import { closestMatch } from '../validate/closest-match.js';
import type { RawIssue } from './check-profile.js';
import type { ProfileIssue } from './profile-error.js';

type Path = readonly (string | number)[];

/** The subset of a zod issue hv reads. */
export interface ZodIssueLike {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly expected?: string;
  readonly values?: readonly unknown[];
  readonly keys?: readonly string[];
  readonly minimum?: unknown;
  readonly maximum?: unknown;
  readonly origin?: string;
  readonly input?: unknown;
}

/**
 * `disks[1].size` from `['disks', 1, 'size']`. A key that is not a plain word (it comes from the
 * user's file and may hold newlines or terminal escapes) is shown quoted and escaped: `["a\\nb"]`.
 */
export function formatPath(path: Path): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (!/^[A-Za-z0-9_$-]+$/.test(part)) out += `[${showValue(part)}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out === '' ? '(top level)' : out;
}

function typeRule(issue: ZodIssueLike, value: unknown): string {
  if (value === undefined) return 'is required';
  switch (issue.expected) {
    case 'boolean':
      return 'must be true or false';
    case 'object':
      return 'must be a mapping of keys';
    case 'array':
      return 'must be a list';
    case 'int':
      return 'must be a whole number';
    case 'number':
      return 'must be a number';
    default:
      return `must be a ${issue.expected ?? 'value'}`;
  }
}

function ruleOf(issue: ZodIssueLike, value: unknown): string {
  const noun = issue.origin === 'array' ? ' items' : issue.origin === 'string' ? ' characters' : '';
  switch (issue.code) {
    case 'invalid_type':
      // A schema's own message (e.g. "must be a size with a unit") beats the generic one.
      return value !== undefined && !issue.message.startsWith('Invalid input')
        ? issue.message
        : typeRule(issue, value);
    case 'invalid_value': {
      const values = (issue.values ?? []).map(String);
      const hint = typeof value === 'string' ? closestMatch(value, values) : undefined;
      return `must be one of: ${values.join(', ')}${hint === undefined ? '' : ` (did you mean ${hint}?)`}`;
    }
    case 'too_small':
      return noun === ''
        ? `must be at least ${String(issue.minimum)}`
        : `must have at least ${String(issue.minimum)}${noun}`;
    case 'too_big':
      return noun === ''
        ? `must be at most ${String(issue.maximum)}`
        : `must have at most ${String(issue.maximum)}${noun}`;
    case 'invalid_union':
      return 'is not valid here';
    default:
      return issue.message;
  }
}

/**
 * Zod issues as RawIssues; `knownKeys(path)` lists the keys allowed at an object path, for the
 * "did you mean" of unknown keys.
 */
export function fromZodIssues(
  issues: readonly ZodIssueLike[],
  data: unknown,
  knownKeys: (path: Path) => readonly string[],
): RawIssue[] {
  const out: RawIssue[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys ?? []) {
        const hint = closestMatch(key, knownKeys(path));
        out.push({
          path: [...path, key],
          rule: `unknown key${hint === undefined ? '' : ` (did you mean ${hint}?)`}`,
        });
      }
    } else {
      out.push({ path, rule: ruleOf(issue, valueAtPath(data, path)) });
    }
  }
  return out;
}

/** RawIssues as ProfileIssues: path text, the offending value shown safely, and its position. */
export function toProfileIssues(
  raw: readonly RawIssue[],
  data: unknown,
  where?: { doc: Document; lines: LineCounter },
): ProfileIssue[] {
  return raw.map((r) => {
    const unknownKey = r.rule.startsWith('unknown key');
    const value = unknownKey ? undefined : valueAtPath(data, r.path);
    const pos = where === undefined ? undefined : yamlPosition(where.doc, where.lines, r.path, unknownKey);
    return {
      path: formatPath(r.path),
      rule: r.rule,
      ...(value === undefined || (typeof value === 'object' && value !== null)
        ? {}
        : { value: showValue(value) }),
      ...pos,
    };
  });
}
