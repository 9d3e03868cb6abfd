// hv's own version, read once from package.json (manifests, --version and the API report it).
import { packageVersion } from './package-root.js';

/** The version string from hv's package.json. */
export function hvVersion(): string {
  return packageVersion();
}
