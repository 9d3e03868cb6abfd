// Why: every verb that acts on "some VMs" (lifecycle, delete, autostart...) takes the same selector flags
// and the same --parallel, defined once here so they read and behave alike. Light: no libvirt imports,
// so registering commands stays cheap.
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import type { VmSelector } from '../../core/vm/select/select-vms.js';
import { validateInt } from '../../core/validate/validate-int.js';

/** The flags {@link addSelectorOptions} adds, as commander hands them over. */
export interface SelectorFlags {
  tag?: string;
  all?: boolean;
  state?: string;
  parallel?: string;
}

/** Default `--parallel`: min(8, 2 x CPU cores). */
const DEFAULT_PARALLEL = Math.min(8, 2 * availableParallelism());

/** Add `--tag`, `--all`, `--state` and `--parallel N` to a command taking `[names...]`. */
export function addSelectorOptions(cmd: Command): Command {
  return cmd
    .option('--tag <tag>', "only VMs with this tag in hv's metadata")
    .option('--all', 'every VM')
    .option('--state <state>', 'only VMs in this state (running, paused, "shut off"...)')
    .option('--parallel <n>', `VMs handled at once (default ${DEFAULT_PARALLEL})`);
}

/** The selector named by `names` (names or quoted globs) and the flags. */
export function selectorFromFlags(names: readonly string[], flags: SelectorFlags): VmSelector {
  return {
    names,
    ...(flags.tag !== undefined && { tag: flags.tag }),
    ...(flags.all === true && { all: true }),
    ...(flags.state !== undefined && { state: flags.state }),
  };
}

/** `--parallel` as a number (1-64), or the default. @throws ValidationError INVALID_ARGUMENT. */
export function parallelFromFlags(flags: SelectorFlags): number {
  return flags.parallel === undefined
    ? DEFAULT_PARALLEL
    : validateInt('--parallel', flags.parallel, { min: 1, max: 64 });
}
