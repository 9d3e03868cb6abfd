// Why: every command must reach the same host: --connect / HV_CONNECT, else the configuration's
// `connect`, else the built-in default. Commands that do not otherwise need the configuration (hv ls,
// bulk verbs, console) still honour it, but only read it when a file is there to read, so their
// start-up stays free of the YAML and schema code.
import { existsSync } from 'node:fs';
import type { CliContext } from './context.js';
import { effectiveConnectUri } from './effective-connect-uri.js';
import { DEFAULT_CONFIG_PATH, DEFAULT_CONNECT_URI } from './global-options.js';

/** The libvirt URI this command talks to. */
export async function hostUri(ctx: Pick<CliContext, 'options'>): Promise<string> {
  const { options } = ctx;
  if (options.connect !== DEFAULT_CONNECT_URI) return options.connect;
  if (options.configPath === DEFAULT_CONFIG_PATH && !existsSync(DEFAULT_CONFIG_PATH))
    return DEFAULT_CONNECT_URI;
  const { loadConfig } = await import('../core/config/load-config.js');
  const { config } = await loadConfig(options.configPath);
  return effectiveConnectUri(options, config);
}
