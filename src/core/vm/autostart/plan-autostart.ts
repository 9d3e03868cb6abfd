// Why: the boot order is a pure decision (which VMs, in which order, how long to wait before each), kept
// apart from libvirt so it is unit-tested as a table and shown as-is by `hv autostart run --dry-run`.
// It follows the seed's boot selector (menu.sh): groups in the configured order, other groups after
// (alphabetically), then priority (lower first); a delay after each start and an extra one when the
// group changes. Differences: VMs without a group come last (the seed's empty group sorted first among
// the unlisted ones), ties go by name, running VMs are skipped without any delay, and nothing waits
// after the last start.
import type { VmState } from '../vm-state.js';
import type { AutostartHints } from './autostart-hints.js';

/** One autostart VM as the planner sees it. */
export interface AutostartVm extends AutostartHints {
  readonly name: string;
  readonly state: VmState;
}

/** Delays and group order (the `autostart:` configuration section). */
export interface AutostartOrderConfig {
  readonly groups_order: readonly string[];
  readonly delay_ms: number;
  readonly group_delay_ms: number;
}

/** One step of the plan. */
export interface AutostartStep extends AutostartVm {
  /** 1-based position in the boot order. */
  readonly position: number;
  /** `start`, or `skip` for a VM that already runs (or is paused: it is up, just frozen). */
  readonly action: 'start' | 'skip';
  /** Milliseconds to wait before starting it (0 for skips and the first start). */
  readonly delayBeforeMs: number;
  /** True when this start opens a new group (the group delay is part of delayBeforeMs). */
  readonly groupChange: boolean;
}

/** States in which the VM is up already: `hv autostart run` leaves it alone. */
const UP_STATES: ReadonlySet<VmState> = new Set(['running', 'idle', 'paused', 'in shutdown', 'pmsuspended']);

/** Sort key of a group: listed groups by position, then unlisted ones, then no group. */
function groupRank(group: string | undefined, order: readonly string[]): number {
  if (group === undefined) return order.length + 1;
  const i = order.indexOf(group);
  return i >= 0 ? i : order.length;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The VMs in boot order (a new array). Pure. */
export function orderAutostart<T extends AutostartVm>(
  vms: readonly T[],
  groupsOrder: readonly string[],
): T[] {
  return [...vms].sort(
    (a, b) =>
      groupRank(a.group, groupsOrder) - groupRank(b.group, groupsOrder) ||
      compareText(a.group ?? '', b.group ?? '') ||
      a.priority - b.priority ||
      compareText(a.name, b.name),
  );
}

/** The boot plan: every autostart VM in order, with what to do and how long to wait first. Pure. */
export function planAutostart(vms: readonly AutostartVm[], config: AutostartOrderConfig): AutostartStep[] {
  let started = false;
  let lastGroup: string | undefined;
  return orderAutostart(vms, config.groups_order).map((vm, i) => {
    if (UP_STATES.has(vm.state)) {
      return { ...vm, position: i + 1, action: 'skip', delayBeforeMs: 0, groupChange: false };
    }
    const groupChange = started && vm.group !== lastGroup;
    const delayBeforeMs = started ? config.delay_ms + (groupChange ? config.group_delay_ms : 0) : 0;
    started = true;
    lastGroup = vm.group;
    return { ...vm, position: i + 1, action: 'start', delayBeforeMs, groupChange };
  });
}
