// Body of `hv vm apply --profile FILE [--dry-run]`: prints the diff (field: old -> new), what changed
// live, what could not be live and why, and what waits for the next boot ('at next boot: ...').
// Applying the same profile twice changes nothing.
import { dirname, resolve } from 'node:path';
import { loadConfig } from '../../core/config/load-config.js';
import { openHost } from '../../core/host/open-host.js';
import { kvmUsable } from '../../core/profile/detect-kvm.js';
import { loadProfileFile } from '../../core/profile/load-profile-file.js';
import { applyProfile } from '../../core/vm/apply/apply-profile.js';
import type { CliContext } from '../context.js';
import { effectiveConnectUri } from '../effective-connect-uri.js';
import { printJson, printText } from '../render/output.js';

/** `hv vm apply`. */
export async function vmApply(ctx: CliContext, opts: { profile: string; dryRun?: boolean }): Promise<number> {
  const parsed = await loadProfileFile(opts.profile);
  const { config } = await loadConfig(ctx.options.configPath);
  const client = await openHost(effectiveConnectUri(ctx.options, config), { signal: ctx.signal });
  try {
    const r = await applyProfile(client, config, parsed.profile, {
      kvm: await kvmUsable(),
      baseDir: dirname(resolve(opts.profile)),
      dryRun: opts.dryRun === true,
    });
    if (ctx.options.json) printJson(ctx, r);
    else if (r.changes.length === 0) printText(ctx, `VM ${parsed.profile.name} already matches the profile`);
    else {
      const lines = r.changes.map((c) => `${c.field}: ${c.old} -> ${c.new}`);
      for (const l of r.live) lines.push(`applied live: ${l}`);
      for (const n of r.notes) lines.push(`not live: ${n}`);
      if (r.nextBoot.length > 0) lines.push(`at next boot: ${r.nextBoot.join(', ')}`);
      printText(ctx, lines.join('\n'));
    }
    return 0;
  } finally {
    await client.close();
  }
}
