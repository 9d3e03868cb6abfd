// Why: `hv kill` pulls the plug (virDomainDestroy) at once, whatever the guest is doing.
import type { LibvirtClient } from '../../../libvirt/index.js';
import { runVerb, type LifecycleOptions, type LifecycleResult } from './run-verb.js';

/** Outcomes of {@link killVm}. */
export type KillOutcome = 'killed' | 'already off';

/** Force VM `name` off (idempotent: a shut-off VM is 'already off'). */
export function killVm(
  client: LibvirtClient,
  name: string,
  opts: LifecycleOptions = {},
): Promise<LifecycleResult<KillOutcome>> {
  return runVerb(
    client,
    name,
    {
      verb: 'kill',
      already: { states: ['shut off'], outcome: 'already off' },
      acts: ['running', 'idle', 'paused', 'in shutdown', 'crashed', 'pmsuspended', 'no state'],
      call: (c, dom) => c.domains.destroyFlags(dom, 0),
      outcome: 'killed',
    },
    opts,
  );
}
