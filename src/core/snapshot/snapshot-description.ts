// Why: libvirt snapshot XML has a free-text <description> but no metadata element, so a policy marks the
// snapshots it makes with one reserved line, `hv-policy:<name>`. Retention reads that line to prune only
// its own snapshots; people cannot write it by hand through hv, so manual snapshots are never touched.
import { ValidationError } from '../errors/index.js';

const TAG = /^hv-policy:([A-Za-z0-9][A-Za-z0-9._-]*)$/;
const RESERVED = /^\s*hv-policy:/m;

/** The user's text and the policy that made the snapshot (if any). */
export interface SnapshotDescription {
  readonly text: string;
  readonly policy?: string;
}

/** Description text to store: the user's text, then `hv-policy:<name>` on its own line. */
export function composeDescription(text: string | undefined, policy?: string): string | undefined {
  const t = (text ?? '').trimEnd();
  if (policy === undefined) return t === '' ? undefined : t;
  return t === '' ? `hv-policy:${policy}` : `${t}\nhv-policy:${policy}`;
}

/** Split a stored description into the user's text and the policy tag. */
export function splitDescription(stored: string | undefined): SnapshotDescription {
  const lines = (stored ?? '').split('\n');
  let policy: string | undefined;
  const rest = lines.filter((line) => {
    const m = TAG.exec(line.trim());
    if (m === null) return true;
    policy ??= m[1];
    return false;
  });
  const text = rest.join('\n').trim();
  return policy === undefined ? { text } : { text, policy };
}

/**
 * Check a description given on the command line: at most 4096 characters, no control characters but
 * newline and tab, and no `hv-policy:` line (reserved for policies).
 */
export function validateDescription(field: string, value: string): string {
  if (value.length > 4096) throw new ValidationError(field, 'must be at most 4096 characters');
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x08\x0b-\x1f\x7f]/.test(value)) {
    throw new ValidationError(field, 'must not contain control characters', { value });
  }
  if (RESERVED.test(value)) {
    throw new ValidationError(
      field,
      'must not contain a line starting with hv-policy: (reserved for snapshot policies)',
      {
        value,
      },
    );
  }
  return value;
}
