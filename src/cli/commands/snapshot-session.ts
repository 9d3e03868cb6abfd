// Why: every `hv snapshot` verb opens the host named by --connect / HV_CONNECT / the configuration,
// works, and closes the connection whatever happened.
import { loadConfig } from '../../core/config/load-config.js';
import { openHost } from '../../core/host/open-host.js';
import { SnapshotService } from '../../core/snapshot/index.js';
import type { LibvirtClient } from '../../libvirt/index.js';
import type { CliContext } from '../context.js';
import { effectiveConnectUri } from '../effective-connect-uri.js';

/** Run `body` with a connection and a SnapshotService on it. */
export async function withSnapshots<T>(
  ctx: CliContext,
  body: (service: SnapshotService, client: LibvirtClient) => Promise<T>,
): Promise<T> {
  const { config } = await loadConfig(ctx.options.configPath);
  const client = await openHost(effectiveConnectUri(ctx.options, config), { signal: ctx.signal });
  try {
    return await body(new SnapshotService(client), client);
  } finally {
    await client.close();
  }
}
