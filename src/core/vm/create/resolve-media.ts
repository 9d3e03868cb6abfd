// Before anything is created: every host path a profile names (ISO, disk images, cloud-init files,
// kernel, a ready seed) is resolved (library name -> images.dir, relative -> the profile's directory),
// checked against the allowed roots, and must exist. A failure names the profile field (exit 4).
import { stat } from 'node:fs/promises';
import { ValidationError } from '../../errors/index.js';
import { resolveMediaPath } from '../../profile/domain-xml/plan-host-facts.js';
import type { VmProfile } from '../../profile/vm-profile.js';
import { validatePath } from '../../validate/validate-path.js';

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
  /** Look a library image up by name (the image library); undefined: not a library image. */
  readonly libraryPath?: (name: string) => string | undefined;
}

async function existingFile(field: string, value: string, ctx: MediaContext): Promise<string> {
  const library = !value.includes('/') ? ctx.libraryPath?.(value) : undefined;
  const candidate = library ?? resolveMediaPath(value, ctx.imagesDir, ctx.baseDir);
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
    diskImages.push(d.from === undefined ? undefined : await existingFile(`disks[${i}].from`, d.from, ctx));
  }
  const ci = profile.cloudInit;
  const opt = async (field: string, v: string | undefined): Promise<string | undefined> =>
    v === undefined ? undefined : existingFile(field, v, ctx);
  if (profile.kernel !== undefined) {
    await existingFile('kernel.path', profile.kernel.path, ctx);
    await opt('kernel.initrd', profile.kernel.initrd);
  }
  const iso = await opt('iso', profile.iso);
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
