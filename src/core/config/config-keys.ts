// The list of configuration keys (dotted, with type, default and description), read from the schema.
// Docs, `hv config get` and "did you mean" hints all use it, so none can drift from the schema.
import { z } from 'zod';
import { configSchema } from './config-schema.js';

/** One leaf key of the configuration. */
export interface ConfigKey {
  /** Dotted path, e.g. `backup.dir`. */
  readonly key: string;
  /** Type in words: `string`, `boolean`, `number`, `list of string`, `one of: a, b`. */
  readonly type: string;
  readonly default: unknown;
  readonly description: string;
  /** Description of the section the key is in (e.g. "Backups."), empty at the top level. */
  readonly section: string;
}

interface JsonSchemaNode {
  type?: string;
  enum?: unknown[];
  items?: JsonSchemaNode;
  properties?: Record<string, JsonSchemaNode>;
  default?: unknown;
  description?: string;
  minimum?: number;
  /** Set with .meta() in the schema: what a refined string means (absolute path, name...). */
  hvType?: string;
}

function typeOf(node: JsonSchemaNode): string {
  if (node.hvType !== undefined) return node.hvType;
  if (node.enum !== undefined) return `one of: ${node.enum.map(String).join(', ')}`;
  if (node.type === 'array') return `list of ${node.items ? typeOf(node.items) : 'values'}`;
  if (node.type === 'number' && node.minimum !== undefined) return `number >= ${node.minimum}`;
  return node.type ?? 'value';
}

function walk(node: JsonSchemaNode, prefix: string, section: string, out: ConfigKey[]): void {
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    const key = prefix === '' ? name : `${prefix}.${name}`;
    if (child.type === 'object' && child.properties !== undefined) {
      walk(child, key, child.description ?? '', out);
    } else {
      out.push({
        key,
        type: typeOf(child),
        default: child.default,
        description: child.description ?? '',
        section,
      });
    }
  }
}

let cached: readonly ConfigKey[] | undefined;

/** Every leaf key of the configuration, in schema order. */
export function configKeys(): readonly ConfigKey[] {
  if (cached === undefined) {
    const out: ConfigKey[] = [];
    walk(z.toJSONSchema(configSchema, { io: 'input' }) as JsonSchemaNode, '', '', out);
    cached = out;
  }
  return cached;
}

/** Every key and section name (`backup`, `backup.dir`, ...), for lookups and hints. */
export function configKeyNames(): string[] {
  const names = new Set<string>();
  for (const { key } of configKeys()) {
    const parts = key.split('.');
    for (let i = 1; i <= parts.length; i++) names.add(parts.slice(0, i).join('.'));
  }
  return [...names];
}
