// Why: every command starts by connecting to a libvirt daemon, and the common failures (daemon not
// running, no permission, bad URI) deserve one clear sentence with the fix, not a socket errno.
import { LibvirtClient, LibvirtUnavailableError, planConnection } from '../../libvirt/index.js';
import { NetworkError, type HvError } from '../errors/index.js';
import { fromLibvirtError } from '../libvirt-errors.js';

/** How to open a host connection. */
export interface OpenHostOptions {
  readonly signal?: AbortSignal;
  readonly readOnly?: boolean;
  /** Survive daemon restarts (daemons, long-running watchers); default false. */
  readonly reconnect?: boolean;
  /** Default per-call timeout in ms. */
  readonly callTimeoutMs?: number;
}

/** Where a URI's transport goes, e.g. `/run/libvirt/libvirt-sock` (unix) or `unix:...`/`ssh:...`. */
function targetOf(uri: string): string | undefined {
  try {
    const d = planConnection(uri).transport.description;
    return d.startsWith('unix:') ? d.slice('unix:'.length) : d;
  } catch {
    return undefined;
  }
}

/** Translate a connection failure into an HvError with the fix in its message. */
export function hostConnectError(uri: string, err: unknown): HvError {
  if (err instanceof LibvirtUnavailableError && err.reason === 'not-running') {
    const target = targetOf(uri) ?? uri;
    return new NetworkError(
      `cannot reach libvirtd at ${target}: is libvirtd running? (scripts/setup-host.sh starts it)`,
      { code: 'LIBVIRT_UNAVAILABLE', cause: err, details: { uri, target } },
    );
  }
  return fromLibvirtError(err, `connecting to ${uri}`);
}

/** Open a LibvirtClient for `uri`; failures are HvErrors (LIBVIRT_UNAVAILABLE, PERMISSION_DENIED...). */
export async function openHost(uri: string, options: OpenHostOptions = {}): Promise<LibvirtClient> {
  try {
    return await LibvirtClient.connect(uri, {
      ...(options.signal !== undefined && { signal: options.signal }),
      ...(options.readOnly !== undefined && { readOnly: options.readOnly }),
      ...(options.callTimeoutMs !== undefined && { callTimeoutMs: options.callTimeoutMs }),
      ...(options.reconnect === true && { reconnect: true }),
    });
  } catch (err) {
    throw hostConnectError(uri, err);
  }
}
