// Why: libvirt's TLS clients find their CA, certificate and key by convention (system /etc/pki paths,
// ~/.pki/libvirt for ordinary users, or `?pkipath=`). Using the very same rule means a host already
// set up for `virsh -c qemu+tls://…` works with hv unchanged.

/** Where the TLS client's files are. */
export interface TlsCredentialPaths {
  /** CA certificate(s) that signed the server's certificate. */
  readonly caCert: string;
  /** Optional certificate revocation list (used only if the file exists). */
  readonly caCrl: string;
  /** Client certificate presented to the server. */
  readonly clientCert: string;
  /** Private key of the client certificate. */
  readonly clientKey: string;
}

/** Inputs of the choice, injectable for tests. */
export interface TlsPathOptions {
  /** Effective uid; root uses only the system paths. */
  readonly uid: number;
  /** Home directory for `~/.pki/libvirt`. */
  readonly home: string;
  /** File existence probe (per-file fallback for non-root users). */
  readonly exists: (path: string) => boolean;
}

const SYSTEM: TlsCredentialPaths = {
  caCert: '/etc/pki/CA/cacert.pem',
  caCrl: '/etc/pki/CA/cacrl.pem',
  clientCert: '/etc/pki/libvirt/clientcert.pem',
  clientKey: '/etc/pki/libvirt/private/clientkey.pem',
};

/** The files in one directory, as `?pkipath=` and `~/.pki/libvirt` lay them out (key not in private/). */
function inDir(dir: string): TlsCredentialPaths {
  const d = dir.replace(/\/+$/, '');
  return {
    caCert: `${d}/cacert.pem`,
    caCrl: `${d}/cacrl.pem`,
    clientCert: `${d}/clientcert.pem`,
    clientKey: `${d}/clientkey.pem`,
  };
}

/**
 * libvirt's rule: `pkipath` is used as given (files need not exist yet: the loader names the missing
 * one); root uses the system paths; other users use `~/.pki/libvirt/` file by file where present
 * (certificate and key only as a pair) and the system paths for the rest.
 */
export function tlsCredentialPaths(pkipath: string | undefined, opts: TlsPathOptions): TlsCredentialPaths {
  if (pkipath !== undefined) return inDir(pkipath);
  if (opts.uid === 0) return SYSTEM;
  const user = inDir(`${opts.home}/.pki/libvirt`);
  const pair = opts.exists(user.clientCert) && opts.exists(user.clientKey);
  return {
    caCert: opts.exists(user.caCert) ? user.caCert : SYSTEM.caCert,
    caCrl: opts.exists(user.caCrl) ? user.caCrl : SYSTEM.caCrl,
    clientCert: pair ? user.clientCert : SYSTEM.clientCert,
    clientKey: pair ? user.clientKey : SYSTEM.clientKey,
  };
}
