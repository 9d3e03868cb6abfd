// Why: `hv resume` lets a paused VM's vCPUs run again.
import type { LibvirtClient } from '../../../libvirt/index.js';
import { runVerb, type LifecycleOptions, type LifecycleResult } from './run-verb.js';

/** Outcomes of {@link resumeVm}. */
export type ResumeOutcome = 'resumed' | 'already running';

/** Resume paused VM `name` (idempotent: a running VM is 'already running'). */
export function resumeVm(
  client: LibvirtClient,
  name: string,
  opts: LifecycleOptions = {},
): Promise<LifecycleResult<ResumeOutcome>> {
  return runVerb(
    client,
    name,
    {
      verb: 'resume',
      already: { states: ['running', 'idle'], outcome: 'already running' },
      acts: ['paused'],
      hints: { 'shut off': 'use hv start' },
      call: (c, dom) => c.domains.resume(dom),
      outcome: 'resumed',
    },
    opts,
  );
}
