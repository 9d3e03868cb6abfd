// Writes the generated documents (exit codes, configuration keys, dependencies) from the tables in the
// code. Run with `npm run gen:docs`; unit tests fail while a committed copy is stale.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { renderExitCodesDoc } from '../src/core/errors/render-exit-codes-doc.js';
import { renderConfigDoc } from '../src/core/config/render-config-doc.js';
import { renderDependenciesDoc } from '../src/core/doctor/render-dependencies-doc.js';
import { renderProfileJsonSchema } from '../src/core/profile/profile-json-schema.js';

const docs: [string, () => string][] = [
  ['docs/exit-codes.md', renderExitCodesDoc],
  ['docs/configuration.md', renderConfigDoc],
  ['docs/dependencies.md', renderDependenciesDoc],
  ['schemas/vm-profile.schema.json', renderProfileJsonSchema],
];

// Compiled to dist/scripts/gen-docs.js: the repository root is two levels up.
const root = new URL('../../', import.meta.url);
for (const [path, render] of docs) {
  await writeFile(fileURLToPath(new URL(path, root)), render());
  console.log(`wrote ${path}`);
}
