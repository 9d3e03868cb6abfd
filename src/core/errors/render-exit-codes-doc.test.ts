import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readRepoFile } from '../../../test/helpers/repo-file.js';
import { renderExitCodesDoc } from './render-exit-codes-doc.js';
import { ERROR_CODES, EXIT_CODES } from './error-codes.js';

test('docs/exit-codes.md is up to date (run npm run gen:docs)', async () => {
  assert.equal(await readRepoFile('docs/exit-codes.md'), renderExitCodesDoc());
});

test('every exit code has a row listing its error codes with HTTP status', () => {
  const doc = renderExitCodesDoc();
  for (const exit of Object.keys(EXIT_CODES)) assert.match(doc, new RegExp(`^\\| ${exit} \\| `, 'm'));
  assert.match(
    doc,
    /^\| 4 \| invalid argument \| `INVALID_ARGUMENT` \(400\), `USAGE` \(400\), `PROFILE_INVALID` \(422\) \|$/m,
  );
  for (const [code, info] of Object.entries(ERROR_CODES)) {
    assert.ok(doc.includes(`| \`${code}\` | ${info.exit} | ${info.http} |`), code);
  }
});

test('every error code maps to a documented exit code', () => {
  for (const [code, info] of Object.entries(ERROR_CODES)) assert.ok(info.exit in EXIT_CODES, code);
});
