// Recognises a Hyper-NixOS profile and validates it under its own field names: errors name their
// fields (`memory_mb`, `hostdevs[1]`), unknown fields and settings hv cannot carry over become
// warnings, and the result is hv's VmProfile.
import { checkProfile, type RawIssue } from '../check-profile.js';
import { fromZodIssues } from '../profile-issues.js';
import type { VmProfile } from '../vm-profile.js';
import { HYPER_NIXOS_KEYS, hyperNixosSchema, type HyperNixosProfile } from './hyper-nixos-schema.js';
import { hyperNixosToProfile } from './hyper-nixos-to-profile.js';
import { hyperNixosUnknownFields } from './hyper-nixos-unknown-fields.js';

/** Keys only the Hyper-NixOS format has at its top level. */
const MARKERS = [
  'memory_mb',
  'disk_gb',
  'iso_path',
  'disk_image_path',
  'network',
  'cpu_pinning',
  'cpu_features',
  'memory_options',
] as const;

/**
 * True when `raw` is a Hyper-NixOS profile rather than an hv one: it has one of their top-level
 * field names (memory_mb, disk_gb, network, ...) and not hv's `memory`.
 */
export function isHyperNixosProfile(raw: unknown): boolean {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return false;
  if ('memory' in raw && !('memory_mb' in raw)) return false;
  return MARKERS.some((k) => k in raw);
}

/** Rules across their fields, under their names. */
function crossCheck(p: HyperNixosProfile): RawIssue[] {
  const out: RawIssue[] = [];
  const max = p.limits?.memory_max_mb;
  if (max != null && max < p.memory_mb) {
    out.push({
      path: ['limits', 'memory_max_mb'],
      rule: `must be at least memory_mb (${p.memory_mb}), or the VM is killed`,
    });
  }
  const seen = new Map<string, number>();
  for (const [i, h] of (p.hostdevs ?? []).entries()) {
    const first = seen.get(h);
    if (first !== undefined)
      out.push({ path: ['hostdevs', i], rule: `is already listed as hostdevs[${first}]` });
    else seen.set(h, i);
  }
  return out;
}

/** The profile and warnings, or every rule broken. */
export type HyperNixosParseResult =
  | { ok: true; profile: VmProfile; warnings: RawIssue[] }
  | { ok: false; issues: RawIssue[]; warnings: RawIssue[] };

/** Validate and convert a parsed Hyper-NixOS JSON profile. */
export function parseHyperNixosProfile(raw: unknown): HyperNixosParseResult {
  const unknown = hyperNixosUnknownFields(raw);
  const result = hyperNixosSchema.safeParse(raw);
  if (!result.success) {
    const keysAt = (path: readonly (string | number)[]): readonly string[] =>
      HYPER_NIXOS_KEYS[path.map(String).join('.')] ?? [];
    return { ok: false, issues: fromZodIssues(result.error.issues, raw, keysAt), warnings: unknown };
  }
  const crossIssues = crossCheck(result.data);
  if (crossIssues.length > 0) return { ok: false, issues: crossIssues, warnings: unknown };
  const { profile, warnings } = hyperNixosToProfile(result.data);
  const issues = checkProfile(profile);
  if (issues.length > 0) return { ok: false, issues, warnings: [...unknown, ...warnings] };
  return { ok: true, profile, warnings: [...unknown, ...warnings] };
}
