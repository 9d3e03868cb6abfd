// Why: `hv start` boots a defined VM; starting one that already runs is not an error ('already running'),
// so scripts can say "make sure these are up".
import type { LibvirtClient } from '../../../libvirt/index.js';
import { assertNotTemplate } from '../../template/template-guard.js';
import { runVerb, type LifecycleOptions, type LifecycleResult } from './run-verb.js';

/** Outcomes of {@link startVm}. */
export type StartOutcome = 'started' | 'already running';

/** Start VM `name`; resolves once libvirt reports it running. */
export function startVm(
  client: LibvirtClient,
  name: string,
  opts: LifecycleOptions = {},
): Promise<LifecycleResult<StartOutcome>> {
  return runVerb(
    client,
    name,
    {
      verb: 'start',
      already: { states: ['running', 'idle', 'in shutdown'], outcome: 'already running' },
      acts: ['shut off', 'no state'],
      hints: {
        paused: 'use hv resume',
        crashed: 'use hv kill first, or hv recover',
        pmsuspended: 'it is suspended by the guest',
      },
      call: async (c, dom) => {
        // A template's disks back its linked clones: booting it would change them under the clones.
        await assertNotTemplate(c, dom);
        await c.domains.createWithFlags(dom, 0);
      },
      outcome: 'started',
    },
    opts,
  );
}
