// Building blocks of the profile schemas: zod fields that keep a plain JSON type (so the exported JSON
// Schema helps editors) and run hv's validators, turning their ValidationError into a zod issue at the
// field's path. One place, so the hv and Hyper-NixOS schemas report rules the same way.
import { z } from 'zod';
import { ValidationError } from '../errors/index.js';
import { NAME_MAX_LENGTH, NAME_PATTERN, validateName } from '../validate/validate-name.js';
import { checkBytes, checkMib, checkNodeSet, checkPathText, checkText } from './profile-values.js';

/** Run `fn` on the parsed value; a ValidationError it throws becomes an issue at this field. */
export function via<T extends z.ZodType, O>(base: T, fn: (value: z.output<T>) => O) {
  return base.transform((value, ctx): O => {
    try {
      return fn(value);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      ctx.addIssue({ code: 'custom', message: err.rule, input: value });
      return z.NEVER;
    }
  });
}

/** An hv object name (VM, network, tag...): 1-64 of [A-Za-z0-9._-], not starting with a symbol. */
export function nameField(description: string) {
  return via(
    z.string().meta({ description, pattern: NAME_PATTERN.source, maxLength: NAME_MAX_LENGTH }),
    (v) => validateName('name', v),
  );
}

/** One line of free text, at most `max` characters. */
export function textField(description: string, max: number, multiline = false) {
  return via(z.string().meta({ description, maxLength: max }), (v) => checkText('text', v, max, multiline));
}

/** A host path (no `..`, no control characters); `absolute` insists on a leading `/`. */
export function pathField(description: string, absolute = false) {
  return via(z.string().meta({ description, minLength: 1 }), (v) => checkPathText('path', v, { absolute }));
}

/** A set of host CPUs or NUMA nodes (`0-3,8`). */
export function nodeSetField(description: string) {
  return via(z.union([z.string(), z.number().int()]).meta({ description, examples: ['0', '0-1,3'] }), (v) =>
    checkNodeSet('nodeset', v),
  );
}

/** A whole number in [min, max]. */
export function intField(description: string, min: number, max: number) {
  return z.number().int().min(min).max(max).meta({ description });
}

const SIZE_PATTERN = '^[0-9]+(\\.[0-9]+)?([KMGTPkmgtp](i?[Bb])?|[Bb])?$';

const SIZE_RULE = 'must be a size with a unit, like 20G or 512M';

/** A string whose wrong-type message (not a missing value) says it must be a size. */
const sizeString = () => z.string({ error: (iss) => (iss.input === undefined ? undefined : SIZE_RULE) });

/** A size with a binary unit (`20G`), in bytes, within [min, max]. */
export function sizeField(description: string, min: bigint, max: bigint) {
  return via(sizeString().meta({ description, pattern: SIZE_PATTERN, examples: ['20G', '512M'] }), (v) =>
    checkBytes('size', v, min, max),
  );
}

/** A size with a binary unit (`2G`, `512M`) that must be whole MiB; in MiB. */
export function mibField(description: string, minMiB: number, maxMiB: number) {
  return via(sizeString().meta({ description, pattern: SIZE_PATTERN, examples: ['2G', '512M'] }), (v) =>
    checkMib('size', v, minMiB, maxMiB),
  );
}
