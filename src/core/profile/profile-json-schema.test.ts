import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readRepoFile } from '../../../test/helpers/repo-file.js';
import { HYPER_NIXOS_KEYS } from './hyper-nixos/hyper-nixos-schema.js';
import {
  profileJsonSchema,
  profileKeysAt,
  renderProfileJsonSchema,
  type JsonSchemaNode,
} from './profile-json-schema.js';

/** Every field path of the schema: `name`, `disks[].size`, `cpu.pinning`... */
function fieldPaths(node: JsonSchemaNode, prefix = ''): string[] {
  const out: string[] = [];
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    const obj = child.items?.properties !== undefined ? child.items : child;
    const childPrefix = child.items?.properties !== undefined ? `${path}[]` : path;
    if (obj.properties !== undefined) out.push(...fieldPaths(obj, childPrefix));
    else out.push(path);
  }
  return out;
}

test('schemas/vm-profile.schema.json is up to date (run npm run gen:docs)', async () => {
  assert.equal(await readRepoFile('schemas/vm-profile.schema.json'), renderProfileJsonSchema());
});

test('the schema refuses unknown keys and describes every field', () => {
  const schema = profileJsonSchema();
  assert.equal(schema.additionalProperties, false);
  assert.deepEqual(schema.required, ['name', 'cpus', 'memory']);
  const undocumented = Object.entries(schema.properties ?? {}).filter(
    ([, n]) => (n.description ?? '') === '',
  );
  assert.deepEqual(undocumented, []);
});

test('docs/profiles.md documents every hv field and every Hyper-NixOS field', async () => {
  const doc = await readRepoFile('docs/profiles.md');
  const paths = fieldPaths(profileJsonSchema());
  assert.ok(paths.length > 50, `only ${paths.length} paths`);
  for (const path of paths)
    assert.ok(doc.includes(`\`${path}\``), `docs/profiles.md does not mention \`${path}\``);
  for (const [section, keys] of Object.entries(HYPER_NIXOS_KEYS)) {
    for (const key of keys) {
      if (section === '' && HYPER_NIXOS_KEYS[key] !== undefined) continue; // a section: its keys are checked
      assert.ok(
        doc.includes(`\`${section === '' ? key : `${section}.${key}`}\``) || doc.includes(`\`.${key}\``),
        `Hyper-NixOS field ${section}.${key} is not in docs/profiles.md`,
      );
    }
  }
});

test('profileKeysAt lists the keys of nested objects for hints', () => {
  assert.ok(profileKeysAt([]).includes('memory'));
  assert.deepEqual([...profileKeysAt(['disks', 0])].sort(), [
    'bus',
    'cache',
    'discard',
    'from',
    'linked',
    'size',
    'target',
  ]);
  assert.deepEqual(profileKeysAt(['nope']), []);
});
