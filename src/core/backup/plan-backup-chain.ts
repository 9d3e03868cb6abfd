// Why: deciding full vs incremental is where a chain silently breaks if done carelessly: an incremental
// is only correct when the parent's checkpoint still exists on the VM (its bitmap recorded every write
// since) and the disks are the same ones. This pure function states those rules and says why it chose
// a full backup, so the CLI can tell the user.

/** A complete earlier backup of the VM (from the catalog). */
export interface ChainBase {
  readonly id: string;
  readonly checkpoint: string | null;
  /** ISO time the backup started. */
  readonly startedAt: string;
  readonly disks: readonly { readonly target: string; readonly virtualSize: number }[];
}

/** What the planner looks at. */
export interface ChainInput {
  /** --full was given. */
  readonly forceFull: boolean;
  /** The VM is running (or paused): a libvirt push backup; otherwise an offline copy. */
  readonly live: boolean;
  /** The disks this backup copies. */
  readonly disks: readonly {
    readonly target: string;
    readonly format?: string;
    readonly virtualSize: number;
  }[];
  /** Complete backups of this VM. */
  readonly backups: readonly ChainBase[];
  /** Names of the checkpoints the domain has now. */
  readonly checkpoints: readonly string[];
}

/** The decision. `checkpoint`: create a checkpoint with this backup (live, all disks qcow2). */
export type ChainPlan =
  | { readonly type: 'full'; readonly reason: string; readonly checkpoint: boolean }
  | {
      readonly type: 'incremental';
      readonly parent: string;
      readonly from: string;
      readonly checkpoint: true;
    };

function sameDisks(a: ChainInput['disks'], b: ChainBase['disks']): boolean {
  if (a.length !== b.length) return false;
  const sizes = new Map(b.map((d) => [d.target, d.virtualSize]));
  return a.every((d) => sizes.get(d.target) === d.virtualSize);
}

/** Full or incremental, and why. */
export function planBackupChain(input: ChainInput): ChainPlan {
  if (!input.live) {
    return {
      type: 'full',
      checkpoint: false,
      reason: 'the VM is not running: stopped VMs are copied in full',
    };
  }
  const notQcow2 = input.disks.find((d) => d.format !== 'qcow2');
  if (notQcow2 !== undefined) {
    return {
      type: 'full',
      checkpoint: false,
      reason: `disk ${notQcow2.target} is ${notQcow2.format ?? 'of unknown format'}: incremental backups need qcow2`,
    };
  }
  if (input.forceFull) return { type: 'full', checkpoint: true, reason: '--full was given' };
  const base = [...input.backups]
    .filter((b) => b.checkpoint !== null)
    .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt))[0];
  if (base?.checkpoint == null) {
    return { type: 'full', checkpoint: true, reason: 'no earlier live backup of this VM to build on' };
  }
  if (!input.checkpoints.includes(base.checkpoint)) {
    return {
      type: 'full',
      checkpoint: true,
      reason: `checkpoint ${base.checkpoint} of backup ${base.id} is gone from the VM (restored, redefined or removed)`,
    };
  }
  if (!sameDisks(input.disks, base.disks)) {
    return { type: 'full', checkpoint: true, reason: `the VM's disks changed since backup ${base.id}` };
  }
  return { type: 'incremental', parent: base.id, from: base.checkpoint, checkpoint: true };
}
