// The bodies of `hv completion bash|zsh` (print the script) and the hidden `hv __complete vms` (VM
// names, one per line, from one listing call; silent on any error, since a completion must never
// print a message into the user's command line). Loaded only when they run.
import type { Command } from 'commander';
import { loadConfig } from '../../core/config/load-config.js';
import { ValidationError } from '../../core/errors/index.js';
import { openHost } from '../../core/host/open-host.js';
import type { CliContext } from '../context.js';
import { effectiveConnectUri } from '../effective-connect-uri.js';
import { bashCompletionScript, completionNodes, zshCompletionScript } from './completion-script.js';

/** `hv completion SHELL`. */
export function completionCommand(ctx: CliContext, shell: string, program: Command): number {
  const nodes = completionNodes(program);
  if (shell === 'bash') ctx.stdout.write(bashCompletionScript(nodes));
  else if (shell === 'zsh') ctx.stdout.write(zshCompletionScript(nodes));
  else throw new ValidationError('shell', 'must be bash or zsh', { value: shell });
  return 0;
}

/** `hv __complete vms`: every VM name, sorted. */
export async function completeVmNames(ctx: CliContext): Promise<number> {
  try {
    const { config } = await loadConfig(ctx.options.configPath).catch(() => ({ config: undefined }));
    const uri = config === undefined ? ctx.options.connect : effectiveConnectUri(ctx.options, config);
    const client = await openHost(uri, { signal: ctx.signal, callTimeoutMs: 3000 });
    try {
      const names = (await client.domains.listAll(0)).map((d) => d.name).sort();
      if (names.length > 0) ctx.stdout.write(`${names.join('\n')}\n`);
    } finally {
      await client.close();
    }
  } catch {
    // No daemon, no permission: simply no names to offer.
  }
  return 0;
}
