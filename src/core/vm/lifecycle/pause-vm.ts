// Why: `hv pause` freezes a VM's vCPUs (memory stays allocated); `hv resume` undoes it.
import type { LibvirtClient } from '../../../libvirt/index.js';
import { runVerb, type LifecycleOptions, type LifecycleResult } from './run-verb.js';

/** Outcomes of {@link pauseVm}. */
export type PauseOutcome = 'paused' | 'already paused';

/** Pause running VM `name` (idempotent). */
export function pauseVm(
  client: LibvirtClient,
  name: string,
  opts: LifecycleOptions = {},
): Promise<LifecycleResult<PauseOutcome>> {
  return runVerb(
    client,
    name,
    {
      verb: 'pause',
      already: { states: ['paused'], outcome: 'already paused' },
      acts: ['running', 'idle'],
      call: (c, dom) => c.domains.suspend(dom),
      outcome: 'paused',
    },
    opts,
  );
}
