// Resolves the global flags (--connect, --json, --quiet, --verbose, --config, --no-color) with their
// environment fallbacks (HV_CONNECT, HV_CONFIG, NO_COLOR) into one GlobalOptions value.
import type { GlobalOptions } from './context.js';

/** Default libvirt URI, as virsh's for root. */
export const DEFAULT_CONNECT_URI = 'qemu:///system';
/** Default configuration file. */
export const DEFAULT_CONFIG_PATH = '/etc/hv/config.yaml';

interface RawGlobals {
  connect?: string;
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  config?: string;
  color?: boolean;
}

/** Merge commander's raw global options with the environment. */
export function resolveGlobalOptions(raw: RawGlobals, env: NodeJS.ProcessEnv, isTty: boolean): GlobalOptions {
  const noColorEnv = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  return {
    connect:
      raw.connect ??
      (env.HV_CONNECT !== undefined && env.HV_CONNECT !== '' ? env.HV_CONNECT : DEFAULT_CONNECT_URI),
    json: raw.json === true,
    quiet: raw.quiet === true,
    verbose: raw.verbose === true,
    configPath:
      raw.config ??
      (env.HV_CONFIG !== undefined && env.HV_CONFIG !== '' ? env.HV_CONFIG : DEFAULT_CONFIG_PATH),
    color: raw.color !== false && !noColorEnv && isTty,
  };
}
