// What every `hv image` verb starts with: the configuration, hv.db, an ImageService whose libvirt
// connection opens only if the verb needs it, notices on stderr and a progress bar on a terminal.
import { join } from 'node:path';
import type { LibvirtClient } from '../../libvirt/index.js';
import { loadConfig } from '../../core/config/load-config.js';
import { openHost } from '../../core/host/open-host.js';
import { ImageService } from '../../core/image/image-service.js';
import { openStateDb, STATE_DB_FILE } from '../../core/store/state-db.js';
import type { CliContext } from '../context.js';
import { effectiveConnectUri } from '../effective-connect-uri.js';
import { ProgressBar } from '../render/progress-bar.js';

/** Run `fn` with an ImageService, closing the database and connection afterwards. */
export async function withImageService<T>(
  ctx: CliContext,
  fn: (svc: ImageService, bar: ProgressBar | undefined) => Promise<T>,
): Promise<T> {
  const { config } = await loadConfig(ctx.options.configPath);
  const db = openStateDb(join(config.state_dir, STATE_DB_FILE));
  let client: LibvirtClient | undefined;
  const quietish = ctx.options.quiet || ctx.options.json;
  const bar = ctx.stderr.isTTY === true && !quietish ? new ProgressBar(ctx.stderr) : undefined;
  const svc = new ImageService({
    config,
    db,
    host: async () => {
      client = await openHost(effectiveConnectUri(ctx.options, config), { signal: ctx.signal });
      return client;
    },
    signal: ctx.signal,
    onNotice: (m) => {
      if (quietish) return;
      bar?.done();
      ctx.stderr.write(`hv: ${m}\n`);
    },
    ...(bar !== undefined && {
      onProgress: (name, p) => {
        bar.update(name, p, p.total !== undefined && p.received === p.total);
      },
    }),
  });
  try {
    return await fn(svc, bar);
  } finally {
    bar?.done();
    db.close();
    await client?.close().catch(() => undefined);
  }
}
