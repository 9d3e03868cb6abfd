// Why: libvirt takes internal snapshots only when every writable disk is qcow2 and the firmware has no
// pflash NVRAM, and refuses internal disk-only snapshots of a running VM; everything else must be
// external (overlay files, plus a memory file for a running VM). This decides which, from the domain's
// facts alone, and says why, so `hv snapshot create` never surprises and tests can table the rules.
import { HvError, ValidationError } from '../errors/index.js';
import type { DomainSnapshotFacts, SnapshotDiskFact } from './domain-snapshot-facts.js';

/** What the caller asks for. */
export interface SnapshotRequest {
  /** Snapshot name (already validated). */
  readonly name: string;
  /** The VM is running or paused (its memory can be saved). */
  readonly active: boolean;
  /** Disks only, never memory: always an external snapshot (libvirt's meaning of disk-only). */
  readonly diskOnly?: boolean;
  /** No memory state: internal only when the VM is shut off, else external disk-only. */
  readonly noMemory?: boolean;
  /** Freeze guest file systems through the agent: implies disk-only (libvirt's QUIESCE flag). */
  readonly quiesce?: boolean;
}

/** How one disk takes part. */
interface SnapshotDiskPlan {
  readonly target: string;
  readonly snapshot: 'internal' | 'external' | 'no';
  /** External: the new overlay file. */
  readonly file?: string;
}

/** The decision: kind, memory, disks, libvirt flags and a one-line reason. */
export interface SnapshotPlan {
  readonly kind: 'internal' | 'external';
  readonly memory: 'internal' | 'external' | 'no';
  /** External memory: the file libvirt writes the RAM to. */
  readonly memoryFile?: string;
  readonly disks: readonly SnapshotDiskPlan[];
  /** Names of VIR_DOMAIN_SNAPSHOT_CREATE_* flags to pass. */
  readonly flags: readonly ('DISK_ONLY' | 'ATOMIC' | 'QUIESCE')[];
  /** e.g. `internal: every disk is qcow2 and the firmware is BIOS`. */
  readonly why: string;
}

/** Disks libvirt leaves out by default and that never hold guest writes. */
function passive(d: SnapshotDiskFact): boolean {
  return d.empty || d.readonly || d.device === 'cdrom' || d.device === 'floppy';
}

/** Writable disks that cannot be snapshotted at all (and therefore forbid internal snapshots). */
function excludedReason(d: SnapshotDiskFact): string | undefined {
  if (d.snapshotAttr === 'no') return `disk ${d.target} is excluded from snapshots (snapshot='no')`;
  if (d.shareable) return `disk ${d.target} is shareable`;
  if (d.device === 'lun') return `disk ${d.target} is a passed-through LUN`;
  return undefined;
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/**
 * Decide how to snapshot a VM with these facts.
 * @throws ValidationError for --quiesce on a stopped VM or without an agent channel;
 *   HvError NOT_SUPPORTED when there is no writable disk, or an external overlay would be needed for a
 *   disk that is not a file.
 */
export function planSnapshot(facts: DomainSnapshotFacts, req: SnapshotRequest): SnapshotPlan {
  if (req.quiesce === true && !req.active) {
    throw new ValidationError('--quiesce', 'needs a running VM (it freezes the guest file systems)');
  }
  if (req.quiesce === true && !facts.agentChannel) {
    throw new ValidationError(
      '--quiesce',
      `VM ${facts.name} has no guest agent channel (org.qemu.guest_agent.0), so nothing can freeze its file systems`,
    );
  }
  const used = facts.disks.filter((d) => !passive(d) && excludedReason(d) === undefined);
  if (used.length === 0) {
    throw new HvError('NOT_SUPPORTED', `VM ${facts.name} has no writable disk to snapshot`);
  }
  const diskOnly = req.diskOnly === true || req.quiesce === true;
  const blockers: string[] = [];
  if (facts.firmware === 'uefi')
    blockers.push('UEFI firmware keeps its NVRAM in pflash, which blocks internal snapshots');
  for (const d of facts.disks) {
    const r = passive(d) ? undefined : excludedReason(d);
    if (r !== undefined) blockers.push(r);
  }
  for (const d of used) {
    if (d.format !== 'qcow2')
      blockers.push(`disk ${d.target} is ${d.format === '' ? 'not qcow2' : d.format}`);
    else if (!['file', 'block', 'volume'].includes(d.type))
      blockers.push(`disk ${d.target} is a ${d.type} disk`);
  }
  if (req.quiesce === true) blockers.push('--quiesce makes a disk-only snapshot');
  else if (req.diskOnly === true) blockers.push('--disk-only asks for an external snapshot');
  else if (req.noMemory === true && req.active)
    blockers.push('a running VM cannot have an internal snapshot without memory');

  if (blockers.length === 0) {
    return {
      kind: 'internal',
      memory: req.active ? 'internal' : 'no',
      disks: facts.disks.map((d) => ({ target: d.target, snapshot: used.includes(d) ? 'internal' : 'no' })),
      flags: [],
      why: `internal: every writable disk is qcow2 and the firmware is BIOS`,
    };
  }

  const notFile = used.find((d) => d.type !== 'file' || d.path === undefined);
  if (notFile !== undefined) {
    throw new HvError(
      'NOT_SUPPORTED',
      `VM ${facts.name} needs an external snapshot (${blockers.join('; ')}), but disk ${notFile.target} is a ` +
        `${notFile.type} disk; hv places external overlays only next to file disks`,
    );
  }
  const withMemory = req.active && !diskOnly && req.noMemory !== true;
  const first = used[0]?.path ?? '/';
  const file = (d: SnapshotDiskFact): string =>
    `${dirOf(d.path ?? first)}/${facts.name}-${d.target}.${req.name}.qcow2`;
  return {
    kind: 'external',
    memory: withMemory ? 'external' : 'no',
    ...(withMemory ? { memoryFile: `${dirOf(first)}/${facts.name}.${req.name}.mem` } : {}),
    disks: facts.disks.map((d) =>
      used.includes(d)
        ? { target: d.target, snapshot: 'external', file: file(d) }
        : { target: d.target, snapshot: 'no' },
    ),
    flags: [
      ...(withMemory ? [] : (['DISK_ONLY'] as const)),
      ...(req.active ? (['ATOMIC'] as const) : []),
      ...(req.quiesce === true ? (['QUIESCE'] as const) : []),
    ],
    why: `external: ${blockers.join('; ')}`,
  };
}
