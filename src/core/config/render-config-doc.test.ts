import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { readRepoFile } from '../../../test/helpers/repo-file.js';
import { renderConfigDoc } from './render-config-doc.js';
import { configKeys } from './config-keys.js';
import { parseConfigText } from './parse-config-text.js';

test('docs/configuration.md is up to date (run npm run gen:docs)', async () => {
  assert.equal(await readRepoFile('docs/configuration.md'), renderConfigDoc());
});

test('every key is documented with a description and a default', () => {
  const doc = renderConfigDoc();
  assert.ok(configKeys().length >= 13);
  for (const k of configKeys()) {
    assert.notEqual(k.description, '', `${k.key} has no description`);
    assert.notEqual(k.default, undefined, `${k.key} has no default`);
    assert.ok(doc.includes(`| \`${k.key}\` |`), `${k.key} missing from the doc`);
  }
});

test('the example file in the doc is valid and equals the defaults', () => {
  const yamlText = /```yaml\n([\s\S]*?)```/.exec(renderConfigDoc())?.[1] ?? '';
  const { config } = parseConfigText(yamlText, 'example');
  assert.deepEqual(config, parseConfigText('', 'empty').config);
  assert.deepEqual(parse(yamlText), config);
});
