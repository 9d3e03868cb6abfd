// Body of `hv gc`: removes (or with --dry-run lists) what interrupted creates left behind.
import { loadConfig } from '../../core/config/load-config.js';
import { openHost } from '../../core/host/open-host.js';
import { collectGarbage } from '../../core/vm/create/leftovers.js';
import { collectBootTestLeftovers } from '../../core/backup/boot-test-leftovers.js';
import type { CliContext } from '../context.js';
import { effectiveConnectUri } from '../effective-connect-uri.js';
import { printJson, printText } from '../render/output.js';

/** `hv gc [--dry-run]`. */
export async function gcCommand(ctx: CliContext, opts: { dryRun?: boolean }): Promise<number> {
  const { config } = await loadConfig(ctx.options.configPath);
  const client = await openHost(effectiveConnectUri(ctx.options, config), { signal: ctx.signal });
  try {
    const dryRun = opts.dryRun === true;
    const found = [
      ...(await collectGarbage(client, config, { dryRun })),
      ...(await collectBootTestLeftovers(client, config, { dryRun })),
    ];
    if (ctx.options.json) printJson(ctx, { dryRun, leftovers: found });
    else if (found.length === 0) printText(ctx, 'nothing to remove');
    else {
      const verb = dryRun ? 'would remove' : 'removed';
      printText(ctx, found.map((l) => `${verb} ${l.kind} ${l.name} (${l.reason})`).join('\n'));
    }
    return 0;
  } finally {
    await client.close();
  }
}
