// Why: every `hv backup` verb needs the same set-up: configuration, logger (warnings on stderr, JSON in
// hv.log), hv.db, and for some a libvirt connection; and the same tear-down whatever happened.
import { join } from 'node:path';
import { BackupService } from '../../core/backup/backup-service.js';
import { loadConfig } from '../../core/config/load-config.js';
import type { HvConfig } from '../../core/config/config-schema.js';
import { openHost } from '../../core/host/open-host.js';
import { openStateDb, STATE_DB_FILE } from '../../core/store/state-db.js';
import type { LibvirtClient } from '../../libvirt/index.js';
import { openCliLogger } from '../cli-logger.js';
import type { CliContext } from '../context.js';
import { effectiveConnectUri } from '../effective-connect-uri.js';

/** What a backup command works with. */
export interface BackupSession {
  readonly service: BackupService;
  readonly config: HvConfig;
  readonly client: LibvirtClient | undefined;
  /** Warnings: stderr (unless --quiet) and hv.log. */
  readonly warn: (message: string) => void;
  readonly info: (message: string) => void;
}

/**
 * Run `body` with a backup session; `libvirt` opens a (reconnecting) connection too ('optional': when
 * libvirtd answers; otherwise the session has no client). Everything is closed afterwards.
 */
export async function withBackupSession<T>(
  ctx: CliContext,
  libvirt: boolean | 'optional',
  body: (s: BackupSession) => Promise<T>,
): Promise<T> {
  const { config } = await loadConfig(ctx.options.configPath);
  const log = openCliLogger(ctx, config);
  const db = openStateDb(join(config.state_dir, STATE_DB_FILE));
  let client: LibvirtClient | undefined;
  try {
    if (libvirt !== false) {
      const opening = openHost(effectiveConnectUri(ctx.options, config), {
        signal: ctx.signal,
        reconnect: libvirt === true,
      });
      client =
        libvirt === true
          ? await opening
          : await opening.catch((err: unknown) => {
              log.logger.info(`no libvirt connection: ${(err as Error).message}`);
              return undefined;
            });
    }
    const service = new BackupService(
      db,
      {
        backupDir: config.backup.dir,
        compress: config.backup.compress,
        stateDir: config.state_dir,
        storageDir: config.storage.pool_path,
      },
      client,
    );
    return await body({
      service,
      config,
      client,
      warn: (m) => {
        log.logger.warn(m);
      },
      info: (m) => {
        log.logger.info(m);
      },
    });
  } finally {
    await client?.close().catch(() => undefined);
    db.close();
    log.close();
  }
}
