import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readRepoFile } from '../../../test/helpers/repo-file.js';
import { renderDependenciesDoc } from './render-dependencies-doc.js';
import { DOCTOR_CHECKS } from './doctor-checks.js';

test('docs/dependencies.md is up to date (run npm run gen:docs)', async () => {
  assert.equal(await readRepoFile('docs/dependencies.md'), renderDependenciesDoc());
});

test('every check is a row naming its package and what needs it', () => {
  const doc = renderDependenciesDoc();
  for (const c of DOCTOR_CHECKS) {
    const row = doc.split('\n').find((l) => l.startsWith(`| \`${c.id}\` |`));
    assert.ok(row, c.id);
    if (c.debianPackage !== undefined) assert.ok(row.includes(`\`${c.debianPackage}\``), c.id);
    assert.ok(row.includes(c.neededBy[0] ?? '?'), c.id);
  }
  assert.match(doc, /apt-get install .*qemu-utils.*/);
});
