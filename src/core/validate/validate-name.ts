// Names of VMs (and of snapshots, pools, networks hv creates) end up in file names, XML, nft rules and
// log lines, so they are held to one strict ASCII rule: no shell, XML or path metacharacters, no
// look-alike Unicode, at most 64 characters.
import { ValidationError } from '../errors/index.js';
import { requireString } from './require-string.js';

/** The pattern every hv object name matches. */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Longest allowed name. */
export const NAME_MAX_LENGTH = 64;

/**
 * Check a name (1-64 characters matching {@link NAME_PATTERN}) and return it unchanged.
 * @throws ValidationError(field, rule) naming the broken rule and showing the value safely.
 */
export function validateName(field: string, value: unknown): string {
  const name = requireString(field, value);
  if (name.length === 0 || name.length > NAME_MAX_LENGTH) {
    throw new ValidationError(field, `must be 1 to ${NAME_MAX_LENGTH} characters long`, { value: name });
  }
  if (!NAME_PATTERN.test(name)) {
    throw new ValidationError(field, `must match ${NAME_PATTERN.source}`, { value: name });
  }
  return name;
}
