// Why: hv runs unattended (CLI in scripts, a daemon), so it cannot prompt for passwords or
// passphrases. It authenticates the way `ssh -o BatchMode=yes` would: the URI's `keyfile`, else the
// usual ~/.ssh/id_* keys, else the ssh-agent; each failure is remembered for one clear error message.
import { readFile } from 'node:fs/promises';
import ssh2 from 'ssh2';
import type { ParsedKey } from 'ssh2';
import { LibvirtAuthError } from '../errors/index.js';

/** One way to authenticate, in the order tried. */
export type SshAuthMethod =
  | { readonly type: 'publickey'; readonly path: string; readonly key: ParsedKey }
  | { readonly type: 'agent'; readonly socket: string };

/** Inputs: explicit key, home for the default keys, agent socket, optional `sshauth` order. */
export interface SshAuthOptions {
  /** `?keyfile=`: only this key (plus the agent) is used; it must exist and be unencrypted. */
  readonly keyfile?: string | undefined;
  readonly home: string;
  /** `SSH_AUTH_SOCK`. */
  readonly agentSocket?: string | undefined;
  /** `?sshauth=` list (agent, privkey; password and keyboard-interactive are not supported). */
  readonly sshauth?: string | undefined;
}

const DEFAULT_KEYS = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

/** Private keys first (keyfile, or the default ones that exist and need no passphrase), then the agent. */
export async function sshAuthMethods(
  opts: SshAuthOptions,
): Promise<{ methods: SshAuthMethod[]; notes: string[] }> {
  const notes: string[] = [];
  const order = (opts.sshauth ?? 'privkey,agent').split(',').map((s) => s.trim().toLowerCase());
  const keys: SshAuthMethod[] = [];
  if (order.includes('privkey')) {
    const paths =
      opts.keyfile !== undefined ? [opts.keyfile] : DEFAULT_KEYS.map((k) => `${opts.home}/.ssh/${k}`);
    for (const path of paths) {
      const loaded = await loadKey(path, opts.keyfile !== undefined);
      if (typeof loaded === 'string') notes.push(loaded);
      else if (loaded) keys.push({ type: 'publickey', path, key: loaded });
    }
  }
  const agent: SshAuthMethod[] =
    order.includes('agent') && opts.agentSocket !== undefined && opts.agentSocket !== ''
      ? [{ type: 'agent', socket: opts.agentSocket }]
      : [];
  if (order.includes('agent') && agent.length === 0) notes.push('no ssh-agent (SSH_AUTH_SOCK is not set)');
  const methods =
    order.indexOf('agent') >= 0 && order.indexOf('agent') < order.indexOf('privkey')
      ? [...agent, ...keys]
      : [...keys, ...agent];
  return { methods, notes };
}

/** A parsed key; a note (string) when it is unusable; undefined when an optional default key is absent. */
async function loadKey(path: string, explicit: boolean): Promise<ParsedKey | string | undefined> {
  let text: Buffer;
  try {
    text = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    if (!explicit && code === 'ENOENT') return undefined;
    if (explicit) throw new LibvirtAuthError(`ssh keyfile ${path} cannot be read (${code})`, { cause: err });
    return `${path}: cannot be read (${code})`;
  }
  const parsed = ssh2.utils.parseKey(text);
  const key: ParsedKey | Error | undefined = Array.isArray(parsed) ? (parsed as ParsedKey[])[0] : parsed;
  if (key instanceof Error || key === undefined) {
    const why = /passphrase/i.test(key?.message ?? '')
      ? 'is encrypted; hv cannot ask for a passphrase: load it into ssh-agent instead'
      : `is not a private key ssh2 can read (${key?.message ?? 'empty'})`;
    if (explicit) throw new LibvirtAuthError(`ssh keyfile ${path} ${why}`);
    return `${path} ${why}`;
  }
  if (!key.isPrivateKey()) {
    if (explicit)
      throw new LibvirtAuthError(`ssh keyfile ${path} holds a public key; give the private key file`);
    return `${path} is not a private key`;
  }
  return key;
}
