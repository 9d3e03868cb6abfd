// Before anything is created: every host path a profile names (ISO, disk images, cloud-init files,
// kernel, a ready seed) is resolved (a bare name of the ISO or a disk's image -> the image library,
// else images.dir; relative -> the profile's directory), checked against the allowed roots, and must
// exist. A bad path names the profile field (exit 4); an unknown image name is STORAGE_NOT_FOUND
// (exit 8) naming the library and the names close to it.
import { stat } from 'node:fs/promises';
import { StorageError, ValidationError } from '../../errors/index.js';
import { resolveMediaPath } from '../../profile/domain-xml/plan-host-facts.js';
import type { VmProfile } from '../../profile/vm-profile.js';
import { validatePath } from '../../validate/validate-path.js';
import { closeNames, type MediaLibrary } from './media-library.js';

/** Where the profile's files are on this host. */
export interface ResolvedMedia {
  readonly iso?: string;
  /** One per disk; undefined for blank disks. */
  readonly diskImages: readonly (string | undefined)[];
  readonly userData?: string;
  readonly metaData?: string;
  readonly networkConfig?: string;
  readonly seedIso?: string;
}

/** What paths are relative to and may be inside. */
export interface MediaContext {
  readonly imagesDir: string;
  readonly baseDir: string;
  readonly roots: readonly string[];
  /** The image library, where bare names of the ISO and disk images are looked up first. */
  readonly library?: MediaLibrary;
}

/** A bare name (no `/`) of an ISO or image: the library's file, else images.dir's, else exit 8. */
async function libraryFile(field: string, name: string, ctx: MediaContext): Promise<string> {
  const lib = ctx.library;
  const found = lib?.images.find((i) => i.name === name);
  if (found !== undefined) return found.path;
  const inDir = resolveMediaPath(name, ctx.imagesDir, ctx.baseDir);
  if ((await stat(inDir).catch(() => undefined)) !== undefined) return inDir;
  const names = (lib?.images ?? []).map((i) => i.name).sort();
  const close = closeNames(name, names);
  const hint =
    close.length > 0
      ? `; close names: ${close.join(', ')}`
      : names.length > 0
        ? `; it has: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ', ...' : ''}`
        : '; it is empty (hv image import FILE, hv image pull NAME)';
  const where = lib?.label ?? `image library (${ctx.imagesDir})`;
  throw new StorageError(`${field}: no image named ${name} in the ${where}${hint}`, {
    code: 'STORAGE_NOT_FOUND',
    details: { field, name, close },
  });
}

async function existingFile(
  field: string,
  value: string,
  ctx: MediaContext,
  lookUp = false,
): Promise<string> {
  const candidate =
    lookUp && !value.includes('/')
      ? await libraryFile(field, value, ctx)
      : resolveMediaPath(value, ctx.imagesDir, ctx.baseDir);
  const real = await validatePath(field, candidate, { roots: ctx.roots, cwd: ctx.baseDir });
  const st = await stat(real).catch(() => undefined);
  if (st === undefined) throw new ValidationError(field, 'no such file', { value });
  if (!st.isFile()) throw new ValidationError(field, 'must be a regular file', { value });
  return real;
}

/** Resolve and check every file the profile names. @throws ValidationError naming the field. */
export async function resolveMedia(profile: VmProfile, ctx: MediaContext): Promise<ResolvedMedia> {
  const diskImages: (string | undefined)[] = [];
  for (const [i, d] of profile.disks.entries()) {
    diskImages.push(
      d.from === undefined ? undefined : await existingFile(`disks[${i}].from`, d.from, ctx, true),
    );
  }
  const ci = profile.cloudInit;
  const opt = async (field: string, v: string | undefined): Promise<string | undefined> =>
    v === undefined ? undefined : existingFile(field, v, ctx);
  if (profile.kernel !== undefined) {
    await existingFile('kernel.path', profile.kernel.path, ctx);
    await opt('kernel.initrd', profile.kernel.initrd);
  }
  const iso = profile.iso === undefined ? undefined : await existingFile('iso', profile.iso, ctx, true);
  const userData = await opt('cloud_init.user_data', ci?.userData);
  const metaData = await opt('cloud_init.meta_data', ci?.metaData);
  const networkConfig = await opt('cloud_init.network_config', ci?.networkConfig);
  const seedIso = await opt('cloud_init.seed_iso', ci?.seedIso);
  return {
    diskImages,
    ...(iso !== undefined && { iso }),
    ...(userData !== undefined && { userData }),
    ...(metaData !== undefined && { metaData }),
    ...(networkConfig !== undefined && { networkConfig }),
    ...(seedIso !== undefined && { seedIso }),
  };
}
