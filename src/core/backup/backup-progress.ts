// Why: long backup, verify and restore steps report progress the same way, so the CLI can draw one
// progress line on a terminal and the daemon can publish the same numbers.

/** Progress of one step of a backup operation. `total` 0: unknown. */
export interface BackupProgress {
  readonly vm: string;
  /**
   * prepare (look at the VM, recover leftovers, plan, check space), start (create targets, freeze,
   * begin the libvirt job), copy (libvirt job or qemu-img), compress, finish, hash (and fsync), verify,
   * restore, boot.
   */
  readonly phase:
    'prepare' | 'start' | 'copy' | 'compress' | 'finish' | 'hash' | 'verify' | 'restore' | 'boot';
  /** Bytes for copy; disks for the per-disk phases. */
  readonly done: number;
  readonly total: number;
  readonly disk?: string;
}
