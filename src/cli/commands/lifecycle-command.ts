// The body of the lifecycle verbs: flags to a selector and a per-VM function, run by the shared bulk
// command (parallel, per-VM table or JSON lines, Ctrl-C reporting). Loaded only when a verb runs.
import { killVm } from '../../core/vm/lifecycle/kill-vm.js';
import { pauseVm } from '../../core/vm/lifecycle/pause-vm.js';
import { rebootVm } from '../../core/vm/lifecycle/reboot-vm.js';
import { resetVm } from '../../core/vm/lifecycle/reset-vm.js';
import { resumeVm } from '../../core/vm/lifecycle/resume-vm.js';
import { startVm } from '../../core/vm/lifecycle/start-vm.js';
import { stopVm } from '../../core/vm/lifecycle/stop-vm.js';
import { validateInt } from '../../core/validate/validate-int.js';
import type { CliContext } from '../context.js';
import { runBulkCommand, type BulkWork } from './bulk-command.js';
import { parallelFromFlags, selectorFromFlags, type SelectorFlags } from './bulk-selector-options.js';

/** The lifecycle verbs. */
export type LifecycleVerb = 'start' | 'stop' | 'kill' | 'reboot' | 'reset' | 'pause' | 'resume';

/** Flags of the lifecycle verbs (`timeout`/`force` only on stop). */
export interface LifecycleFlags extends SelectorFlags {
  timeout?: string;
  force?: boolean;
}

function workFor(verb: LifecycleVerb, flags: LifecycleFlags): BulkWork {
  switch (verb) {
    case 'stop': {
      const timeoutSeconds = validateInt('--timeout', flags.timeout ?? '120', { min: 1, max: 86_400 });
      return (c, name, signal) => stopVm(c, name, { timeoutSeconds, force: flags.force !== false, signal });
    }
    case 'start':
      return (c, name, signal) => startVm(c, name, { signal });
    case 'kill':
      return (c, name, signal) => killVm(c, name, { signal });
    case 'reboot':
      return (c, name, signal) => rebootVm(c, name, { signal });
    case 'reset':
      return (c, name, signal) => resetVm(c, name, { signal });
    case 'pause':
      return (c, name, signal) => pauseVm(c, name, { signal });
    case 'resume':
      return (c, name, signal) => resumeVm(c, name, { signal });
  }
}

/** Run lifecycle `verb` on the selected VMs; returns the exit code. */
export async function lifecycleCommand(
  verb: LifecycleVerb,
  ctx: CliContext,
  names: string[],
  flags: LifecycleFlags,
): Promise<number> {
  const selector = selectorFromFlags(names, flags);
  const parallel = parallelFromFlags(flags);
  const work = workFor(verb, flags);
  return runBulkCommand(ctx, selector, verb, work, { parallel });
}
