// The image library for `hv vm create` (flags, profile or wizard): the records in hv.db, read once
// and closed again. No hv.db yet means an empty library (nothing is created just to look).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { HvConfig } from '../../core/config/config-schema.js';
import { ImageRecords } from '../../core/image/library/image-records.js';
import { openStateDb, STATE_DB_FILE } from '../../core/store/state-db.js';
import { mediaLibrary, type MediaLibrary } from '../../core/vm/create/media-library.js';

/** The library of `config` (its images by name, kind and file). */
export function loadMediaLibrary(config: HvConfig): MediaLibrary {
  const file = join(config.state_dir, STATE_DB_FILE);
  if (!existsSync(file)) return mediaLibrary(config, []);
  const db = openStateDb(file);
  try {
    return mediaLibrary(config, new ImageRecords(db).list());
  } finally {
    db.close();
  }
}
