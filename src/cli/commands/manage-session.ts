// Why: every manage verb (delete, rename, autostart, edit) opens the host named by --connect /
// HV_CONNECT / the configuration, works, and closes the connection whatever happened.
import type { HvConfig } from '../../core/config/config-schema.js';
import { loadConfig } from '../../core/config/load-config.js';
import { openHost } from '../../core/host/open-host.js';
import type { LibvirtClient } from '../../libvirt/index.js';
import type { CliContext } from '../context.js';
import { effectiveConnectUri } from '../effective-connect-uri.js';

/** Run `body` with the configuration and a connection to the host. */
export async function withManageHost<T>(
  ctx: CliContext,
  body: (client: LibvirtClient, config: HvConfig) => Promise<T>,
): Promise<T> {
  const { config } = await loadConfig(ctx.options.configPath);
  const client = await openHost(effectiveConnectUri(ctx.options, config), { signal: ctx.signal });
  try {
    return await body(client, config);
  } finally {
    await client.close();
  }
}
