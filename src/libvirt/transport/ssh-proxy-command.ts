// Why: over SSH, libvirt does not tunnel a port: it runs a helper on the remote host whose stdio is
// the RPC stream. Modern hosts have `virt-ssh-helper` (it finds the right daemon socket itself, also
// for modular daemons); older ones only `nc -U`. Building the same command as libvirt's client
// (proxy=auto|native|netcat) keeps hv working against every host virsh works against.
import { LibvirtUriError } from './libvirt-uri-error.js';
import type { LibvirtUri } from './libvirt-uri.js';
import { remoteName } from './remote-name.js';

/** Quote one word for a POSIX shell. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The socket the netcat proxy dials on the remote host: `?socket=` if given, else the legacy socket
 * (`/run/libvirt/libvirt-sock[-ro]`, or the remote user's session socket for `/session`). Returned
 * ready for the shell (a session path expands `$XDG_RUNTIME_DIR` remotely).
 */
function remoteSocketWord(uri: LibvirtUri, readOnly: boolean): string {
  const explicit = uri.params['socket'];
  if (explicit !== undefined) return shellQuote(explicit);
  if (uri.path === '/session') return '"${XDG_RUNTIME_DIR:-$HOME/.cache}/libvirt/libvirt-sock"';
  return readOnly ? '/run/libvirt/libvirt-sock-ro' : '/run/libvirt/libvirt-sock';
}

/**
 * The command to exec on the remote host (`?proxy=`, default auto: virt-ssh-helper when installed,
 * else netcat; a `?netcat=` path implies netcat, as in libvirt).
 *
 * @throws LibvirtUriError for `proxy=native` combined with `netcat=`.
 */
export function sshProxyCommand(uri: LibvirtUri, readOnly: boolean): string {
  let proxy = uri.params['proxy'] ?? 'auto';
  const ncPath = uri.params['netcat'];
  if (proxy === 'native' && ncPath !== undefined) {
    throw new LibvirtUriError('bad-param', uri.raw, "'netcat' cannot be combined with proxy=native");
  }
  if (proxy === 'auto' && ncPath !== undefined) proxy = 'netcat';
  const nc = shellQuote(ncPath ?? 'nc');
  const helper = `virt-ssh-helper${readOnly ? ' -r' : ''} ${shellQuote(remoteName(uri))}`;
  const netcat =
    `if ${nc} -q 2>&1 | grep 'requires an argument' >/dev/null 2>&1; then ARG=-q0; else ARG=; fi; ` +
    `exec ${nc} $ARG -U ${remoteSocketWord(uri, readOnly)}`;
  let script: string;
  if (proxy === 'native') script = `exec ${helper}`;
  else if (proxy === 'netcat') script = netcat;
  else script = `if command -v virt-ssh-helper >/dev/null 2>&1; then exec ${helper}; else ${netcat}; fi`;
  return `sh -c ${shellQuote(script)}`;
}
