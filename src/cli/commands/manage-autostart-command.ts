// Body of `hv autostart on|off NAMES...` and `hv vm autostart on|off NAMES...`: libvirt's flag and
// hv's metadata copy, per VM, with a result row each.
import { setVmAutostart } from '../../core/vm/manage/set-vm-autostart.js';
import type { CliContext } from '../context.js';
import { runManageBulk } from './manage-bulk.js';
import { withManageHost } from './manage-session.js';

/** `hv autostart on|off NAMES...`. */
export async function vmAutostart(ctx: CliContext, enabled: boolean, names: string[]): Promise<number> {
  return withManageHost(ctx, (client) =>
    runManageBulk(ctx, names, async (name) => `autostart ${await setVmAutostart(client, name, enabled)}`),
  );
}
