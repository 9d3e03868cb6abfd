// Why: `hv reboot` asks the guest to restart (guest agent if present, else ACPI), as a clean restart.
import type { LibvirtClient } from '../../../libvirt/index.js';
import { runVerb, type LifecycleOptions, type LifecycleResult } from './run-verb.js';

/** Outcomes of {@link rebootVm}. */
export type RebootOutcome = 'rebooting';

/** Ask running VM `name` to reboot; returns once the request is accepted. */
export function rebootVm(
  client: LibvirtClient,
  name: string,
  opts: LifecycleOptions = {},
): Promise<LifecycleResult<RebootOutcome>> {
  return runVerb(
    client,
    name,
    {
      verb: 'reboot',
      acts: ['running', 'idle'],
      hints: { 'shut off': 'use hv start', paused: 'use hv resume, or hv reset' },
      call: (c, dom) => c.domains.reboot(dom, 0),
      outcome: 'rebooting',
    },
    opts,
  );
}
