// Why: most TLS set-up mistakes are local (a missing, unreadable or mismatched PEM file). Reading the
// files ourselves before dialling turns each into an error that names the exact file and what to do,
// instead of an OpenSSL code surfacing from deep inside the handshake.
import { readFile } from 'node:fs/promises';
import { createSecureContext, type SecureContext } from 'node:tls';
import { LibvirtAuthError } from '../errors/index.js';
import type { TlsCredentialPaths } from './tls-credential-paths.js';

/** The PEM material for one TLS client connection. */
export interface TlsCredentials {
  readonly ca: Buffer;
  readonly cert: Buffer;
  readonly key: Buffer;
  /** Only when the CRL file exists. */
  readonly crl?: Buffer;
  /** Ready-made context (validates that key and certificate belong together). */
  readonly context: SecureContext;
}

const ROLES = {
  caCert: 'CA certificate',
  clientCert: 'client certificate',
  clientKey: 'client private key',
} as const;

/**
 * Read CA, client certificate and key (and the CRL if present).
 *
 * @throws LibvirtAuthError naming the file that is missing, unreadable or not valid PEM, or the pair
 *   that does not match.
 */
export async function loadTlsCredentials(paths: TlsCredentialPaths): Promise<TlsCredentials> {
  // Read side by side but report in a fixed order (CA, certificate, key): with Promise.all the first
  // read to fail would win the race and the message would change from run to run.
  const settled = await Promise.allSettled([
    readPem(paths.caCert, ROLES.caCert),
    readPem(paths.clientCert, ROLES.clientCert),
    readPem(paths.clientKey, ROLES.clientKey),
  ]);
  const [ca, cert, key] = settled.map((r) => {
    if (r.status === 'rejected') throw r.reason;
    return r.value;
  }) as [Buffer, Buffer, Buffer];
  const crl = await readFile(paths.caCrl).catch(() => undefined);
  let context: SecureContext;
  try {
    context = createSecureContext({ ca, cert, key, ...(crl && { crl }) });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    const detail = err instanceof Error ? err.message : String(err);
    const msg = code.includes('KEY_VALUES_MISMATCH')
      ? `TLS client key ${paths.clientKey} does not belong to the certificate ${paths.clientCert}`
      : `TLS credentials in ${paths.caCert}, ${paths.clientCert}, ${paths.clientKey} are not usable: ${detail}`;
    throw new LibvirtAuthError(msg, { cause: err });
  }
  return { ca, cert, key, ...(crl && { crl }), context };
}

async function readPem(path: string, role: string): Promise<Buffer> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    const why =
      code === 'ENOENT'
        ? `the TLS ${role} ${path} does not exist`
        : `cannot read the TLS ${role} ${path} (${code || String(err)})`;
    throw new LibvirtAuthError(
      `${why} (or name a directory holding cacert.pem, clientcert.pem and clientkey.pem with ?pkipath=DIR)`,
      { cause: err },
    );
  }
  if (!data.includes('-----BEGIN ')) {
    throw new LibvirtAuthError(`the TLS ${role} ${path} is not a PEM file (no '-----BEGIN' line)`);
  }
  return data;
}
