// Why: a malformed or unsupported connection URI is the caller's mistake, not a daemon failure; a
// distinct class with a machine-readable kind lets the CLI map it to a usage error and name the problem.

/** What is wrong with a libvirt connection URI. */
export type LibvirtUriErrorKind =
  | 'empty'
  | 'syntax'
  | 'unknown-transport'
  | 'unsupported'
  | 'host-not-allowed'
  | 'missing-path'
  | 'bad-param';

/** Thrown by the URI parser and socket/transport selection for URIs hv cannot use. */
export class LibvirtUriError extends Error {
  override readonly name = 'LibvirtUriError';
  /** Machine-readable reason. */
  readonly kind: LibvirtUriErrorKind;
  /** The URI as the caller gave it. */
  readonly uri: string;

  constructor(kind: LibvirtUriErrorKind, uri: string, message: string) {
    super(`invalid libvirt URI '${uri}': ${message}`);
    this.kind = kind;
    this.uri = uri;
  }
}
