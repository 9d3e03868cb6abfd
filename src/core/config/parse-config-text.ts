// Turns the text of a configuration file into hv's effective configuration, or a ConfigError whose
// message points at the file, line and column, names the key and the rule, and shows the bad value.
// Pure (no file access), so every rule is unit-tested on strings.
import { LineCounter, parseDocument, type Document } from 'yaml';
import { valueAtPath, yamlPosition } from '../validate/yaml-position.js';
import { ConfigError, showValue } from '../errors/index.js';
import { closestMatch } from '../validate/closest-match.js';
import { configSchema, type HvConfig } from './config-schema.js';
import { configKeyNames } from './config-keys.js';

/** A parsed configuration and which keys the file set (the rest are defaults). */
export interface ParsedConfig {
  readonly config: HvConfig;
  /** Dotted keys set in the file, e.g. `backup.dir`. */
  readonly setKeys: readonly string[];
}

/** One problem found in a configuration file. */
interface ConfigIssue {
  key: string;
  rule: string;
  line?: number;
  column?: number;
  value?: string;
}

type Path = readonly (string | number)[];

interface ZodIssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
  values?: unknown[];
  keys?: string[];
  minimum?: unknown;
  maximum?: unknown;
}

function dotted(path: Path): string {
  return path.map(String).join('.');
}

function ruleOf(issue: ZodIssueLike): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'boolean') return 'expected true or false';
      if (issue.expected === 'object') return 'expected a mapping of keys';
      if (issue.expected === 'array') return 'expected a list';
      return `expected a ${issue.expected ?? 'value'}`;
    case 'invalid_value':
      return `expected one of: ${(issue.values ?? []).map(String).join(', ')}`;
    case 'too_small':
      return `expected ${String(issue.minimum)} or more`;
    case 'too_big':
      return `expected ${String(issue.maximum)} or less`;
    default:
      return issue.message;
  }
}

function issuesOf(
  zodIssues: readonly ZodIssueLike[],
  data: unknown,
  doc: Document,
  lines: LineCounter,
): ConfigIssue[] {
  const known = configKeyNames();
  const out: ConfigIssue[] = [];
  for (const issue of zodIssues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys ?? []) {
        const key = dotted([...path, k]);
        const hint = closestMatch(key, known);
        out.push({
          key,
          rule: `unknown key${hint === undefined ? '' : ` (did you mean ${hint}?)`}`,
          ...yamlPosition(doc, lines, [...path, k], true),
        });
      }
      continue;
    }
    let rule = ruleOf(issue);
    const value = valueAtPath(data, path);
    if (issue.code === 'invalid_value' && typeof value === 'string') {
      const hint = closestMatch(value, (issue.values ?? []).map(String));
      if (hint !== undefined) rule += ` (did you mean ${hint}?)`;
    }
    out.push({
      key: dotted(path) || '(top level)',
      rule,
      value: showValue(value),
      ...yamlPosition(doc, lines, path, false),
    });
  }
  return out;
}

/** Drop keys whose value is null: `backup:` with everything below commented out means "defaults". */
function withoutNulls(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, withoutNulls(v)]),
  );
}

function leafKeys(value: unknown, prefix: string): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return prefix === '' ? [] : [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    leafKeys(v, prefix === '' ? k : `${prefix}.${k}`),
  );
}

/** Render issues as one message: `source:line:col: key: rule (got value)`, at most three of them. */
function formatConfigIssues(source: string, issues: readonly ConfigIssue[]): string {
  const one = (i: ConfigIssue): string =>
    `${source}${i.line === undefined ? '' : `:${i.line}:${i.column ?? 1}`}: ${i.key}: ${i.rule}${i.value === undefined ? '' : ` (got ${i.value})`}`;
  const shown = issues.slice(0, 3).map(one).join('; ');
  return issues.length > 3 ? `${shown}; and ${issues.length - 3} more` : shown;
}

/**
 * Parse configuration text. Empty text means every default.
 * @param source the file name used in messages.
 * @throws ConfigError for YAML syntax errors (with line and column), a top level that is not a
 *   mapping, unknown keys (with a "did you mean"), and values that break the schema.
 */
export function parseConfigText(text: string, source: string): ParsedConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax !== undefined) {
    const pos = syntax.linePos?.[0];
    const what = (syntax.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new ConfigError(`${source}${pos ? `:${pos.line}:${pos.col}` : ''}: YAML syntax error: ${what}`, {
      details: { file: source, line: pos?.line, column: pos?.col, yamlCode: syntax.code },
    });
  }
  let js: unknown;
  try {
    js = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw new ConfigError(
      `${source}: YAML aliases expand too much (${err instanceof Error ? err.message : String(err)})`,
      {
        cause: err,
        details: { file: source },
      },
    );
  }
  const raw = withoutNulls(js ?? {});
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(`${source}: expected a mapping of keys at the top level (got ${showValue(raw)})`, {
      details: { file: source },
    });
  }
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const issues = issuesOf(result.error.issues, raw, doc, lines);
    throw new ConfigError(formatConfigIssues(source, issues), { details: { file: source, issues } });
  }
  return { config: result.data, setKeys: leafKeys(raw, '') };
}
