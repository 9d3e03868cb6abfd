// Validates an object in hv's profile format: the schema first (types, ranges, unknown keys), then
// the cross-field rules. Pure; the text layer adds file positions.
import { checkProfile, type RawIssue } from './check-profile.js';
import { profileKeysAt } from './profile-json-schema.js';
import { fromZodIssues } from './profile-issues.js';
import { profileSchema } from './profile-schema.js';
import type { VmProfile } from './vm-profile.js';

/** Either the profile, or every rule the object breaks. */
export type ParseResult = { ok: true; profile: VmProfile } | { ok: false; issues: RawIssue[] };

/** Validate `raw` (a parsed YAML/JSON object) as an hv profile. */
export function parseHvProfile(raw: unknown): ParseResult {
  const result = profileSchema.safeParse(raw);
  if (!result.success) return { ok: false, issues: fromZodIssues(result.error.issues, raw, profileKeysAt) };
  const issues = checkProfile(result.data);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, profile: result.data };
}
