// Their schema accepted any extra key and their converter silently ignored it, so a typo such as
// "hugepage" quietly did nothing. hv accepts such files but names every key it will not use.
import { closestMatch } from '../../validate/closest-match.js';
import type { RawIssue } from '../check-profile.js';
import { HYPER_NIXOS_KEYS } from './hyper-nixos-schema.js';

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** One warning (as a path and message) per key of `raw` that the Hyper-NixOS format does not have. */
export function hyperNixosUnknownFields(raw: unknown): RawIssue[] {
  const out: RawIssue[] = [];
  if (!isObject(raw)) return out;
  const visit = (obj: Record<string, unknown>, prefix: string): void => {
    const known = HYPER_NIXOS_KEYS[prefix] ?? [];
    for (const [key, value] of Object.entries(obj)) {
      const path = prefix === '' ? [key] : [prefix, key];
      if (!known.includes(key)) {
        const hint = closestMatch(key, known);
        out.push({
          path,
          rule: `unknown field, ignored (not in the Hyper-NixOS profile format${hint === undefined ? '' : `; did you mean ${hint}?`})`,
        });
      } else if (prefix === '' && isObject(value) && HYPER_NIXOS_KEYS[key] !== undefined) {
        visit(value, key);
      }
    }
  };
  visit(raw, '');
  return out;
}
