// Why: "shut off" alone does not say whether the guest powered off, was killed or crashed; libvirt's
// reason number does. These are virsh's words for each virDomain*Reason, per state.

const REASONS: Readonly<Record<number, readonly string[]>> = {
  1: [
    'unknown',
    'booted',
    'migrated',
    'restored',
    'from snapshot',
    'unpaused',
    'migration canceled',
    'save canceled',
    'event wakeup',
    'crashed',
    'post-copy',
    'post-copy failed',
  ],
  2: ['unknown'],
  3: [
    'unknown',
    'user',
    'migrating',
    'saving',
    'dumping',
    'I/O error',
    'watchdog',
    'from snapshot',
    'shutting down',
    'creating snapshot',
    'starting up',
    'post-copy',
    'post-copy failed',
    'api error',
  ],
  4: ['unknown', 'user'],
  5: [
    'unknown',
    'shutdown',
    'destroyed',
    'crashed',
    'migrated',
    'saved',
    'failed',
    'from snapshot',
    'daemon',
  ],
  6: ['unknown', 'panicked'],
  7: ['unknown'],
};

/** virsh's word for `reason` in virDomainState `state` ('unknown' for numbers it does not know). */
export function stateReasonWord(state: number, reason: number): string {
  return REASONS[state]?.[reason] ?? 'unknown';
}
