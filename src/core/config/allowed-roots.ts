// Where user-supplied paths may point: the configured allowed_roots plus hv's own data directories,
// so an image in images.dir is always acceptable without listing it twice.
import type { HvConfig } from './config-schema.js';

/** The directories validatePath accepts for this configuration, without duplicates. */
export function allowedRoots(config: HvConfig): string[] {
  return [
    ...new Set([...config.allowed_roots, config.storage.pool_path, config.images.dir, config.backup.dir]),
  ];
}
