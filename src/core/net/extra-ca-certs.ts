// Why: bin/hv starts Node without NODE_EXTRA_CA_CERTS (Node parses that file at every start-up, ~80 ms
// on the test host) and passes it on as HV_EXTRA_CA_CERTS; hv adds those CAs itself, with Node's
// meaning (in addition to Node's built-in roots), only to the HTTPS requests it makes. Run as
// `node bin/hv.cjs` with NODE_EXTRA_CA_CERTS set, Node has done this already and nothing is added.
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';

let cached: { file: string; ca: readonly string[] | undefined } | undefined;

/**
 * The `ca` option for an HTTPS request: Node's roots plus the PEM certificates in the file named by
 * `env.HV_EXTRA_CA_CERTS`, or undefined (Node's default) when it is unset. An unreadable file is
 * ignored, as Node ignores a bad NODE_EXTRA_CA_CERTS, and reported through `warn` once.
 */
export function extraCaOption(
  env: NodeJS.ProcessEnv = process.env,
  warn: (message: string) => void = (m) => {
    process.emitWarning(m);
  },
): readonly string[] | undefined {
  const file = env.HV_EXTRA_CA_CERTS ?? '';
  if (file === '' || env.NODE_EXTRA_CA_CERTS !== undefined) return undefined;
  if (cached?.file === file) return cached.ca;
  let ca: readonly string[] | undefined;
  try {
    ca = [...rootCertificates, readFileSync(file, 'utf8')];
  } catch (err) {
    warn(`ignoring extra CA certificates from ${file}: ${(err as Error).message}`);
    ca = undefined;
  }
  cached = { file, ca };
  return ca;
}
