// hv's own version, read once from package.json (manifests, --version and the API report it).
import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** The version string from hv's package.json. */
export function hvVersion(): string {
  if (cached === undefined) {
    const url = new URL('../../../package.json', import.meta.url);
    const pkg = JSON.parse(readFileSync(url, 'utf8')) as { version?: unknown };
    cached = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  }
  return cached;
}
