// Why: a local URI names no socket; which one to dial depends on system vs session, read-only, and on
// whether the host runs the monolithic libvirtd or modular daemons. Centralising the rule (and its
// order of preference) keeps the CLI, the daemon and the tests dialling the same place.
//
// Preference: hv dials `libvirt-sock` first. That socket belongs to the monolithic libvirtd or, on
// modular hosts, to virtproxyd, and both serve *every* API (domains, networks, storage) and relay
// events over one connection. Only when it is absent does hv fall back to the driver's own daemon
// (`virtqemud-sock` for qemu). That connection reaches only that driver: network and storage calls on
// it fail with "this function is not supported by the connection driver"; they need their own
// connections to `network:///system` (virtnetworkd-sock) and `storage:///system` (virtstoraged-sock).
// libvirt's C client does the opposite in `mode=auto` (direct socket first); `?mode=legacy|direct`
// pins either choice, and `?socket=` names the socket outright.
import { LibvirtUriError } from './libvirt-uri-error.js';
import type { LibvirtUri } from './libvirt-uri.js';

/** Drivers that have a modular daemon `virt<name>d` (libvirt >= 5.6). */
const MODULAR_DAEMONS: ReadonlySet<string> = new Set([
  'qemu',
  'lxc',
  'xen',
  'libxl',
  'vbox',
  'bhyve',
  'vz',
  'ch',
  'network',
  'storage',
  'nodedev',
  'secret',
  'nwfilter',
  'interface',
]);

/** Inputs of the socket choice that come from the process, injectable for tests. */
export interface LocalSocketOptions {
  /** Effective uid; 0 is root. */
  readonly uid: number;
  /** Environment (only XDG_RUNTIME_DIR and HOME are read). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Connect read-only: the `-ro` socket of the system daemon. */
  readonly readOnly?: boolean;
}

/** True when `uri` addresses a per-user (session) daemon rather than the system one. */
function isSessionUri(uri: LibvirtUri, uid: number): boolean {
  return uri.path === '/session' || (uri.driver === 'test' && uid !== 0);
}

/**
 * The unix socket paths to try for a local URI, best first. `?socket=` wins outright.
 *
 * @throws LibvirtUriError when `mode=direct` is asked for a driver without a modular daemon.
 */
export function localSocketPaths(uri: LibvirtUri, opts: LocalSocketOptions): string[] {
  const explicit = uri.params['socket'];
  if (explicit !== undefined) return [explicit];
  const mode = uri.params['mode'] ?? 'auto';
  const daemon = MODULAR_DAEMONS.has(uri.driver)
    ? `virt${uri.driver === 'libxl' ? 'xen' : uri.driver}d`
    : undefined;
  let dir: string;
  let suffix: string;
  if (isSessionUri(uri, opts.uid)) {
    const runtime = opts.env['XDG_RUNTIME_DIR'] ?? `${opts.env['HOME'] ?? '/root'}/.cache`;
    dir = `${runtime}/libvirt`;
    suffix = 'sock';
  } else {
    dir = '/run/libvirt';
    suffix = opts.readOnly === true ? 'sock-ro' : 'sock';
  }
  const legacy = `${dir}/libvirt-${suffix}`;
  const direct = daemon === undefined ? undefined : `${dir}/${daemon}-${suffix}`;
  if (mode === 'legacy') return [legacy];
  if (mode === 'direct') {
    if (direct === undefined) {
      throw new LibvirtUriError(
        'unsupported',
        uri.raw,
        `mode=direct: driver '${uri.driver}' has no modular daemon of its own; use mode=legacy or auto`,
      );
    }
    return [direct];
  }
  return direct === undefined ? [legacy] : [legacy, direct];
}
