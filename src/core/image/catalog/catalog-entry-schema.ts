// The shape of one image catalog entry, shared by the shipped catalog (data/images/catalog.yaml), the
// user's extra catalog files and `images.catalog` in the configuration, so all three are checked by
// the same rules. Every string that later becomes a URL, a file name or a gpgv argument is held to a
// strict form here, before anything is fetched.
import { z } from 'zod';
import { NAME_MAX_LENGTH, NAME_PATTERN } from '../../validate/validate-name.js';

/** Kinds of image hv keeps: installer media, and disk images meant to be copied or used as a backing file. */
const IMAGE_KINDS = ['iso', 'cloud'] as const;
/** An image kind. */
export type ImageKind = (typeof IMAGE_KINDS)[number];

/** Checksum algorithms hv verifies with. */
const CHECKSUM_ALGORITHMS = ['sha256', 'sha512'] as const;
/** A checksum algorithm. */
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

/** Hex digits per algorithm. */
export const CHECKSUM_HEX_LENGTH: Readonly<Record<ChecksumAlgorithm, number>> = { sha256: 64, sha512: 128 };

const entryName = z
  .string()
  .refine((n) => n.length >= 1 && n.length <= NAME_MAX_LENGTH && NAME_PATTERN.test(n), {
    error: `expected a name of 1-${NAME_MAX_LENGTH} characters matching ${NAME_PATTERN.source}`,
  });

// A URL, or a path relative to the image URL's directory (SHA256SUMS, ../SHA256SUMS.gpg is refused).
const urlOrRelative = z
  .string()
  .min(1)
  .refine(
    (u) => (/^https?:\/\/[^/\s]/i.test(u) ? URL.canParse(u) : /^[A-Za-z0-9._+-][A-Za-z0-9._+~/-]*$/.test(u)),
    {
      error: 'expected an http(s) URL or a file name relative to the image URL',
    },
  )
  .refine((u) => !u.split('/').includes('..'), { error: 'must not contain ".." segments' });

// Spaces are allowed (as gpg prints them); normalizeFingerprint removes them before any comparison.
const fingerprint = z
  .string()
  .refine((f) => /^([0-9A-Fa-f]{40}|[0-9A-Fa-f]{64})$/.test(f.replace(/\s+/g, '')), {
    error: 'expected an OpenPGP fingerprint: 40 (v4) or 64 (v5) hex digits, spaces allowed',
  });

/** A fingerprint as gpgv reports it: upper-case hex without spaces. */
export function normalizeFingerprint(f: string): string {
  return f.replace(/\s+/g, '').toUpperCase();
}

/** One entry of an image catalog. */
export const catalogEntrySchema = z
  .strictObject({
    name: entryName.describe('What `hv image pull NAME` calls it; also the default image name.'),
    description: z.string().max(200).default(''),
    kind: z.enum(IMAGE_KINDS),
    arch: z
      .string()
      .regex(/^[a-z0-9_]{1,16}$/)
      .default('x86_64'),
    url: z
      .string()
      .refine((u) => /^https?:\/\/[^/\s]/i.test(u) && URL.canParse(u), { error: 'expected an http(s) URL' })
      .describe('The image, or (with `file` holding a *) the directory it is in, ending in /.'),
    file: z
      .string()
      .regex(/^[A-Za-z0-9._+*-]{1,200}$/, 'expected a bare file name (a * may stand for a version)')
      .optional()
      .describe('Name of the image in the checksum file; default: the last part of url.'),
    checksum: z.strictObject({
      algorithm: z.enum(CHECKSUM_ALGORITHMS),
      url: urlOrRelative.optional().describe('Published checksum list (GNU or BSD format).'),
      value: z
        .string()
        .regex(/^[0-9a-fA-F]+$/)
        .optional()
        .describe('A pinned checksum, instead of (or as well as) a checksum list.'),
    }),
    signature: z
      .strictObject({
        format: z.enum(['detached', 'clearsigned']).default('detached'),
        signs: z.enum(['checksums', 'image']).default('checksums'),
        url: urlOrRelative.optional().describe('Detached signature file; not used for clearsigned lists.'),
        fingerprints: z.array(fingerprint).min(1),
      })
      .optional(),
  })
  .superRefine((e, ctx) => {
    const { algorithm, url, value } = e.checksum;
    if (url === undefined && value === undefined) {
      ctx.addIssue({ code: 'custom', path: ['checksum'], message: 'needs url (a checksum list) or value' });
    }
    if (value !== undefined && value.length !== CHECKSUM_HEX_LENGTH[algorithm]) {
      ctx.addIssue({
        code: 'custom',
        path: ['checksum', 'value'],
        message: `a ${algorithm} checksum has ${CHECKSUM_HEX_LENGTH[algorithm]} hex digits`,
      });
    }
    if (e.file?.includes('*') === true && !e.url.endsWith('/')) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'must end with / when file holds a *' });
    }
    if (e.file?.includes('*') === true && url === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['file'],
        message: 'a * needs a checksum list to pick the file from',
      });
    }
    const sig = e.signature;
    if (sig !== undefined && sig.format === 'detached' && sig.url === undefined) {
      ctx.addIssue({ code: 'custom', path: ['signature', 'url'], message: 'a detached signature needs url' });
    }
    if (sig !== undefined && sig.signs === 'checksums' && url === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['signature', 'signs'],
        message: 'signs: checksums needs checksum.url (the signed list)',
      });
    }
    if (sig !== undefined && sig.format === 'clearsigned' && sig.signs === 'image') {
      ctx.addIssue({
        code: 'custom',
        path: ['signature', 'format'],
        message: 'an image cannot be clearsigned',
      });
    }
  });

/** A checked catalog entry with defaults applied. */
export type CatalogEntry = z.output<typeof catalogEntrySchema>;
