// The difference between a VM's stored profile and a changed one, field by field in profile-file
// terms (`memory: 256M -> 512M`), so `hv vm apply` can print it and decide what to change. Pure.
import { profileToDocument } from '../../profile/profile-document.js';
import type { VmProfile } from '../../profile/vm-profile.js';

/** One changed top-level field. */
export interface FieldChange {
  readonly field: string;
  readonly old: string;
  readonly new: string;
}

const show = (v: unknown): string => (v === undefined ? '(none)' : JSON.stringify(v));

/** Changed top-level fields of the two profiles, in field order. */
export function profileDiff(oldP: VmProfile, newP: VmProfile): FieldChange[] {
  const a = profileToDocument(oldP) as Record<string, unknown>;
  const b = profileToDocument(newP) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys
    .filter((k) => show(a[k]) !== show(b[k]))
    .map((k) => ({ field: k, old: show(a[k]), new: show(b[k]) }));
}
