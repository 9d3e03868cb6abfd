// The login user a cloud image gets (`--user U --ssh-key FILE`, or the wizard's answers): a Linux
// user name and OpenSSH public keys, checked by the same rules wherever they come from. Pure.
import { ValidationError } from '../../errors/index.js';
import type { CloudUser } from './cloud-init-data.js';

const USER_NAME = /^[a-z_][a-z0-9_-]{0,31}$/;
const PUBLIC_KEY = /^(ssh-|ecdsa-|sk-)[A-Za-z0-9@.-]+ [A-Za-z0-9+/=]+( .*)?$/;

/** Check a login user name. @throws ValidationError naming `field`. */
export function checkUserName(field: string, user: string): string {
  if (!USER_NAME.test(user)) {
    throw new ValidationError(field, 'must be a Linux user name ([a-z_][a-z0-9_-]*, at most 32)', {
      value: user,
    });
  }
  return user;
}

/** The keys of an authorized-keys text (blank lines and # comments skipped). @throws ValidationError. */
export function parsePublicKeys(field: string, text: string): string[] {
  const keys: string[] = [];
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (line === '' || line.startsWith('#')) continue;
    if (!PUBLIC_KEY.test(line)) {
      throw new ValidationError(field, 'must hold OpenSSH public keys, one a line', {
        value: line.slice(0, 40),
      });
    }
    keys.push(line);
  }
  return keys;
}

/** A cloud user from a name and the text of its key file (if any). @throws ValidationError. */
export function cloudUserOf(
  user: { field: string; name: string },
  keys?: { field: string; text: string },
): CloudUser {
  return {
    name: checkUserName(user.field, user.name),
    sshKeys: keys === undefined ? [] : parsePublicKeys(keys.field, keys.text),
  };
}
