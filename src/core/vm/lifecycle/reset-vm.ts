// Why: `hv reset` is the reset button: an immediate hard reset without the guest's cooperation.
import type { LibvirtClient } from '../../../libvirt/index.js';
import { runVerb, type LifecycleOptions, type LifecycleResult } from './run-verb.js';

/** Outcomes of {@link resetVm}. */
export type ResetOutcome = 'reset';

/** Hard-reset VM `name` (running or paused). */
export function resetVm(
  client: LibvirtClient,
  name: string,
  opts: LifecycleOptions = {},
): Promise<LifecycleResult<ResetOutcome>> {
  return runVerb(
    client,
    name,
    {
      verb: 'reset',
      acts: ['running', 'idle', 'paused', 'in shutdown'],
      hints: { 'shut off': 'use hv start' },
      call: (c, dom) => c.domains.reset(dom, 0),
      outcome: 'reset',
    },
    opts,
  );
}
