// Why: `hv stop 'web-*'` selects VMs by shell-style glob, while a plain name must name one VM. This tells
// the two apart, checks both against hv's name rule (so a typo with a space or a quote is exit 4, not a
// silent empty match), and turns a glob into an anchored regular expression.
import { ValidationError } from '../../errors/index.js';
import { NAME_MAX_LENGTH, validateName } from '../../validate/validate-name.js';

/** A checked name argument: a plain name, or a glob with its matcher. */
export type VmNamePattern =
  | { readonly kind: 'name'; readonly text: string }
  | { readonly kind: 'glob'; readonly text: string; readonly regex: RegExp };

const GLOB_CHARS = /[*?[\]]/;
/** Name characters plus `*`, `?`, `[...]` (with `!` or `^` negation and `a-z` ranges). */
const GLOB_PATTERN = /^(?:[A-Za-z0-9._-]|\*|\?|\[[!^]?[A-Za-z0-9._-]+\])+$/;

function globToRegex(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob.charAt(i);
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = glob.indexOf(']', i);
      let body = glob.slice(i + 1, end);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      re += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = end;
    } else re += c.replace(/[.]/g, '\\.');
  }
  return new RegExp(`^${re}$`);
}

/**
 * Parse one name argument. A plain name must pass hv's name rule; a glob may only use name characters
 * and `*`, `?`, `[...]`.
 * @throws ValidationError INVALID_ARGUMENT naming the bad argument.
 */
export function parseVmNamePattern(arg: string): VmNamePattern {
  if (!GLOB_CHARS.test(arg)) return { kind: 'name', text: validateName('VM name', arg) };
  if (arg.length > NAME_MAX_LENGTH * 2 || !GLOB_PATTERN.test(arg)) {
    throw new ValidationError(
      'VM name pattern',
      'may only use letters, digits, ".", "_", "-" and the glob characters *, ? and [...]',
      { value: arg },
    );
  }
  return { kind: 'glob', text: arg, regex: globToRegex(arg) };
}
