// `--image NAME` / `--iso NAME` (and a profile's `iso:` / `disks[].from:`) may name an image of the
// library (`hv image import|pull`) instead of a path. This is the lookup create uses: the library's
// records, how errors name the library, and which names are close to a typo.
import { closestMatch } from '../../validate/closest-match.js';
import type { HvConfig } from '../../config/config-schema.js';
import type { ImageRecord } from '../../image/image-record.js';

/** The image library as media resolution sees it. */
export interface MediaLibrary {
  /** How messages name it, e.g. `image library (pool hv-images, /var/lib/hv/images)`. */
  readonly label: string;
  readonly images: readonly Pick<ImageRecord, 'name' | 'kind' | 'path'>[];
}

/** The library of `config` holding `records`. Pure. */
export function mediaLibrary(
  config: Pick<HvConfig, 'images'>,
  records: readonly Pick<ImageRecord, 'name' | 'kind' | 'path'>[],
): MediaLibrary {
  return {
    label: `image library (pool ${config.images.pool}, ${config.images.dir})`,
    images: records,
  };
}

/** Library names near `word` (a likely typo, or containing it / contained in it), at most 5. Pure. */
export function closeNames(word: string, names: readonly string[]): string[] {
  const w = word.toLowerCase();
  const near = names.filter((n) => {
    const l = n.toLowerCase();
    return l.includes(w) || (l.length >= 3 && w.includes(l));
  });
  const typo = closestMatch(word, names);
  return [...new Set([...(typo === undefined ? [] : [typo]), ...near])].slice(0, 5);
}
