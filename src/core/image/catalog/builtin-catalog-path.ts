// Where the shipped catalog is: data/images/catalog.yaml at the package root (package.json "files"
// ships data/). Compiled, this module sits at dist/src/core/image/catalog/.
import { fileURLToPath } from 'node:url';

/** Absolute path of data/images/catalog.yaml. */
export const BUILTIN_CATALOG_PATH = fileURLToPath(
  new URL('../../../../../data/images/catalog.yaml', import.meta.url),
);
