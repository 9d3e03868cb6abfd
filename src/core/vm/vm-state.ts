// Why: libvirt reports a domain's state as a number (virDomainState); people and scripts read words.
// One table, the same words virsh prints, so `hv ls` and `virsh list` agree.

/** The words hv uses for VM states (virsh's wording). */
export const VM_STATES = [
  'no state',
  'running',
  'idle',
  'paused',
  'in shutdown',
  'shut off',
  'crashed',
  'pmsuspended',
] as const;

/** A VM state word. */
export type VmState = (typeof VM_STATES)[number];

/** virDomainState number -> word (0 NOSTATE ... 7 PMSUSPENDED); unknown numbers read 'no state'. */
export function vmStateWord(state: number): VmState {
  return VM_STATES[state] ?? 'no state';
}

/** Words accepted by `--state`, with spelling variants (`shutoff`, `shut-off`) folded in. */
export function normalizeStateFilter(input: string): string {
  const s = input.trim().toLowerCase().replace(/[-_]/g, ' ');
  if (s === 'shutoff' || s === 'off' || s === 'stopped') return 'shut off';
  if (s === 'blocked') return 'idle';
  if (s === 'shutdown') return 'in shutdown';
  return s;
}
