// The JSON Schema of hv's profile format, generated from the zod schema, for editors (VS Code YAML
// and JSON language servers) and for the documentation. schemas/vm-profile.schema.json is this text;
// a unit test fails when the committed copy is stale (regenerate with `npm run gen:docs`).
import { z } from 'zod';
import { profileSchema } from './profile-schema.js';

/** Where the schema is published; also its `$id`. */
export const PROFILE_SCHEMA_ID = 'https://hv.dev/schemas/vm-profile.schema.json';

/** A node of the generated schema (the parts hv reads back). */
export interface JsonSchemaNode {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  items?: JsonSchemaNode;
  properties?: Record<string, JsonSchemaNode>;
  required?: string[];
  anyOf?: JsonSchemaNode[];
  [key: string]: unknown;
}

let cached: JsonSchemaNode | undefined;

/** The schema as an object (input side: what a file may contain). */
export function profileJsonSchema(): JsonSchemaNode {
  cached ??= {
    ...(z.toJSONSchema(profileSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchemaNode),
    $id: PROFILE_SCHEMA_ID,
    title: 'hv VM profile',
    description: 'A VM profile for hv (https://hv.dev). Documentation: docs/profiles.md.',
  };
  return cached;
}

/** The text of schemas/vm-profile.schema.json. */
export function renderProfileJsonSchema(): string {
  return `${JSON.stringify(profileJsonSchema(), null, 2)}\n`;
}

/** The object node of the schema at a path of the file (list indexes step into items). */
function nodeAt(path: readonly (string | number)[]): JsonSchemaNode | undefined {
  let node: JsonSchemaNode | undefined = profileJsonSchema();
  for (const part of path) {
    if (node === undefined) return undefined;
    node = typeof part === 'number' ? node.items : node.properties?.[part];
  }
  return node;
}

/** The keys allowed in the object at `path` (for "did you mean" hints). */
export function profileKeysAt(path: readonly (string | number)[]): readonly string[] {
  return Object.keys(nodeAt(path)?.properties ?? {});
}
