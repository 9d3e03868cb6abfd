// The image catalog hv pulls from: the shipped data/images/catalog.yaml, then the user's
// images.catalog_files, then images.catalog entries from the configuration; a later entry with the
// same name replaces an earlier one (so a site can pin its own mirror for `debian-12`). Every entry is
// checked by the one schema; a broken user catalog is a ConfigError that names the file and entry.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../../errors/index.js';
import { catalogEntrySchema, type CatalogEntry } from './catalog-entry-schema.js';
import { builtinCatalogPath } from './builtin-catalog-path.js';

/** A catalog entry and where it was defined. */
export type CatalogItem = CatalogEntry & { readonly origin: string };

/** The merged catalog, by name. */
export type ImageCatalog = ReadonlyMap<string, CatalogItem>;

const fileSchema = z.strictObject({ images: z.array(z.unknown()).default([]) });

function issueText(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.join('.') || '(entry)'}: ${i.message}`).join('; ');
}

/** Check raw entries from `origin`; names must be unique within it. */
export function parseCatalogEntries(raw: readonly unknown[], origin: string): CatalogItem[] {
  const seen = new Set<string>();
  return raw.map((item, i) => {
    const parsed = catalogEntrySchema.safeParse(item);
    const label =
      typeof item === 'object' && item !== null && typeof (item as { name?: unknown }).name === 'string'
        ? `entry ${i + 1} (${(item as { name: string }).name})`
        : `entry ${i + 1}`;
    if (!parsed.success)
      throw new ConfigError(`${origin}: ${label}: ${issueText(parsed.error)}`, { details: { file: origin } });
    if (seen.has(parsed.data.name)) {
      throw new ConfigError(`${origin}: ${label}: the name ${parsed.data.name} is used twice`, {
        details: { file: origin },
      });
    }
    seen.add(parsed.data.name);
    return { ...parsed.data, origin };
  });
}

/** Read one catalog file (`images:` list). */
async function readCatalogFile(path: string): Promise<CatalogItem[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ConfigError(
      `${path}: cannot read the image catalog (${(err as { code?: string }).code ?? String(err)})`,
      {
        cause: err,
        details: { file: path },
      },
    );
  }
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 50 });
  } catch (err) {
    throw new ConfigError(`${path}: not valid YAML: ${(err as Error).message.split('\n')[0] ?? ''}`, {
      cause: err,
    });
  }
  const shape = fileSchema.safeParse(data ?? {});
  if (!shape.success)
    throw new ConfigError(`${path}: expected a mapping with an images: list (${issueText(shape.error)})`);
  return parseCatalogEntries(shape.data.images, path);
}

/** The catalog-related part of the configuration. */
export interface CatalogSources {
  readonly catalog: readonly unknown[];
  readonly catalog_files: readonly string[];
}

/** Load and merge the shipped catalog, the extra files and the configuration's entries. */
export async function loadImageCatalog(
  sources: CatalogSources,
  builtinPath: string = builtinCatalogPath(),
): Promise<ImageCatalog> {
  const merged = new Map<string, CatalogItem>();
  const layers = [
    await readCatalogFile(builtinPath),
    ...(await Promise.all(sources.catalog_files.map(readCatalogFile))),
    parseCatalogEntries(sources.catalog, 'images.catalog in the configuration'),
  ];
  for (const layer of layers) for (const item of layer) merged.set(item.name, item);
  return merged;
}
