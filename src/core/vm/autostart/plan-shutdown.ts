// Why: host shutdown must stop VMs in the reverse of the order they came up, so a VM is stopped before
// the ones it depends on (apps before network before core). Rule: VMs started by hand (no autostart
// flag) came up after the boot sequence, so they go first (by name); then the autostart VMs in reverse
// boot order. Shut-off VMs are left out. Pure, so `hv shutdown-all --dry-run` shows exactly this.
import type { VmState } from '../vm-state.js';
import { DEFAULT_AUTOSTART_PRIORITY } from './autostart-hints.js';
import { orderAutostart, type AutostartVm } from './plan-autostart.js';

/** A VM as the shutdown planner sees it. */
export interface ShutdownCandidate {
  readonly name: string;
  readonly state: VmState;
  readonly autostart: boolean;
}

/** One VM to stop, in order. */
export interface ShutdownStep {
  /** 1-based. */
  readonly position: number;
  readonly name: string;
  readonly state: VmState;
  readonly autostart: boolean;
  /** Boot-order group and priority of an autostart VM. */
  readonly group?: string;
  readonly priority?: number;
}

/**
 * The stop order: every VM not shut off; non-autostart ones first by name, then the autostart ones in
 * reverse boot order (`autostartVms` carries their hints; one missing from it counts as ungrouped).
 */
export function planShutdown(
  vms: readonly ShutdownCandidate[],
  autostartVms: readonly AutostartVm[],
  groupsOrder: readonly string[],
): ShutdownStep[] {
  const up = vms.filter((vm) => vm.state !== 'shut off');
  const manual = up
    .filter((vm) => !vm.autostart)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((vm) => ({ name: vm.name, state: vm.state, autostart: false }));
  const hints = new Map(autostartVms.map((vm) => [vm.name, vm]));
  const auto = orderAutostart(
    up
      .filter((vm) => vm.autostart)
      .map((vm): AutostartVm => {
        const h = hints.get(vm.name);
        return {
          name: vm.name,
          state: vm.state,
          priority: h?.priority ?? DEFAULT_AUTOSTART_PRIORITY,
          ...(h?.group !== undefined && { group: h.group }),
        };
      }),
    groupsOrder,
  )
    .reverse()
    .map((vm) => ({ ...vm, autostart: true }));
  return [...manual, ...auto].map((s, i) => ({ ...s, position: i + 1 }));
}
