// Which libvirt URI a command uses: --connect or HV_CONNECT when given, else the configuration's
// `connect` key. GlobalOptions bakes the built-in default into `connect`, so "not given" is read as
// "equal to the built-in default" (an explicit --connect qemu:///system then also defers to the file).
import type { HvConfig } from '../core/config/config-schema.js';
import type { GlobalOptions } from './context.js';
import { DEFAULT_CONNECT_URI } from './global-options.js';

/** The URI to connect to: flag/env over the configuration file over the built-in default. */
export function effectiveConnectUri(
  options: Pick<GlobalOptions, 'connect'>,
  config: Pick<HvConfig, 'connect'>,
): string {
  return options.connect !== DEFAULT_CONNECT_URI ? options.connect : config.connect;
}
