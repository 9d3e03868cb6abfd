// Bodies of `hv config show|get|validate` (they load zod and yaml; `path` lives apart to stay light).
import { Document, isMap, isScalar, type YAMLMap } from 'yaml';
import { configKeyNames } from '../../core/config/config-keys.js';
import { loadConfig, type LoadedConfig } from '../../core/config/load-config.js';
import { ValidationError } from '../../core/errors/index.js';
import { closestMatch } from '../../core/validate/closest-match.js';
import type { CliContext } from '../context.js';
import { printJson, printText } from '../render/output.js';

/** Mark pairs whose key the file did not set with a `# default` comment. */
function markDefaults(map: YAMLMap, prefix: string, setKeys: ReadonlySet<string>): void {
  for (const pair of map.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const key = prefix === '' ? name : `${prefix}.${name}`;
    if (isMap(pair.value)) {
      markDefaults(pair.value, key, setKeys);
    } else if (!setKeys.has(key)) {
      if (isScalar(pair.value)) pair.value.comment = ' default';
      else if (isScalar(pair.key)) pair.key.comment = ' default';
    }
  }
}

function source(loaded: LoadedConfig): string {
  return loaded.exists ? loaded.path : `${loaded.path} (does not exist: built-in defaults)`;
}

/** `hv config show`: the effective configuration, YAML with defaults marked, or JSON. */
export async function configShow(ctx: CliContext): Promise<undefined> {
  const loaded = await loadConfig(ctx.options.configPath);
  if (ctx.options.json) {
    printJson(ctx, {
      path: loaded.path,
      exists: loaded.exists,
      setKeys: loaded.setKeys,
      config: loaded.config,
    });
    return undefined;
  }
  const doc = new Document(loaded.config);
  if (isMap(doc.contents)) markDefaults(doc.contents, '', new Set(loaded.setKeys));
  doc.commentBefore = ` ${source(loaded)}`;
  printText(ctx, doc.toString());
  return undefined;
}

/** `hv config get KEY`: one value; scalars plain, sections and lists as YAML (or JSON with --json). */
export async function configGet(ctx: CliContext, key: string): Promise<undefined> {
  const names = configKeyNames();
  if (!names.includes(key)) {
    const hint = closestMatch(key, names);
    throw new ValidationError(
      'key',
      `must be a configuration key like backup.dir (see hv config show)${hint === undefined ? '' : `; did you mean ${hint}?`}`,
      { value: key },
    );
  }
  const loaded = await loadConfig(ctx.options.configPath);
  let value: unknown = loaded.config;
  for (const part of key.split('.')) value = (value as Record<string, unknown>)[part];
  if (ctx.options.json) printJson(ctx, value);
  else if (value !== null && typeof value === 'object') printText(ctx, new Document(value).toString());
  else printText(ctx, String(value));
  return undefined;
}

/** `hv config validate [FILE]`: exit 0 when valid, 6 (ConfigError) when not. */
export async function configValidate(ctx: CliContext, file: string | undefined): Promise<undefined> {
  const loaded = await loadConfig(
    file ?? ctx.options.configPath,
    file === undefined ? {} : { mustExist: true },
  );
  if (ctx.options.json) {
    printJson(ctx, { path: loaded.path, exists: loaded.exists, valid: true, setKeys: loaded.setKeys });
  } else {
    printText(
      ctx,
      loaded.exists ? `${loaded.path}: valid` : `${loaded.path}: does not exist; the defaults apply`,
    );
  }
  return undefined;
}
