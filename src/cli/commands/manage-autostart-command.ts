// Body of `hv autostart on|off NAMES...` and `hv vm autostart on|off NAMES...`: libvirt's flag and
// hv's metadata copy, per VM, through the shared selectors and bulk runner (one result row each).
import { setVmAutostart } from '../../core/vm/manage/set-vm-autostart.js';
import type { CliContext } from '../context.js';
import { runBulkCommand } from './bulk-command.js';
import { parallelFromFlags, selectorFromFlags, type SelectorFlags } from './bulk-selector-options.js';

/** `hv autostart on|off NAMES...`. */
export async function vmAutostart(
  ctx: CliContext,
  enabled: boolean,
  names: string[],
  flags: SelectorFlags,
): Promise<number> {
  return runBulkCommand(
    ctx,
    selectorFromFlags(names, flags),
    `autostart ${enabled ? 'on' : 'off'}`,
    async (client, name) => ({ outcome: `autostart ${await setVmAutostart(client, name, enabled)}` }),
    { parallel: parallelFromFlags(flags) },
  );
}
