// Where the shipped catalog is: data/images/catalog.yaml at the package root (package.json "files"
// ships data/).
import { join } from 'node:path';
import { packageRoot } from '../../package-root.js';

/** Absolute path of data/images/catalog.yaml. */
export function builtinCatalogPath(): string {
  return join(packageRoot(), 'data', 'images', 'catalog.yaml');
}
