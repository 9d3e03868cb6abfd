// Why: a policy run is what the daemon's scheduler will call: take one snapshot now, tagged with the
// policy, then apply the policy's retention (Proxmox prune) to the snapshots THAT policy made, and only
// to those: manual snapshots and other policies' ones are never candidates. Pure of any CLI concern.
import { ConflictError } from '../errors/index.js';
import { planPrune, type PruneDecision } from '../retention/index.js';
import type { SnapshotPolicy } from './snapshot-policy.js';
import type { SnapshotService } from './snapshot-service.js';
import { utcStamp } from './snapshot-name.js';
import type { SnapshotInfo } from './snapshot-xml.js';

/** One policy run on one VM. */
export interface PolicyRunRequest {
  readonly vm: string;
  readonly policy: SnapshotPolicy;
  /** The time of the run: names the new snapshot; a dry run plans with a snapshot at this time. */
  readonly now: Date;
  readonly signal?: AbortSignal | undefined;
  /** Take nothing and delete nothing; report what would happen. */
  readonly dryRun?: boolean | undefined;
}

/** What a run did (or, dry, would do). Decisions are over the policy's own snapshots, newest first. */
export interface PolicyRunResult {
  readonly vm: string;
  readonly policy: string;
  readonly dryRun: boolean;
  /** Name of the snapshot taken (dry run: the name it would get). */
  readonly created: string;
  readonly decisions: readonly PruneDecision[];
  readonly deleted: readonly string[];
  /** Memory files of deleted external snapshots that could not be removed (remote host). */
  readonly leftFiles: readonly string[];
  /** Deletions that failed; the run goes on with the others. */
  readonly failed: readonly { snapshot: string; message: string }[];
}

/** Name of a policy snapshot: `<policy>-YYYYmmdd-HHMMSS` (UTC). */
function policySnapshotName(policy: string, now: Date): string {
  return `${policy}-${utcStamp(now)}`;
}

/** The snapshots `policy` made (by its tag), never anything else. */
function snapshotsOfPolicy(snapshots: readonly SnapshotInfo[], policy: string): SnapshotInfo[] {
  return snapshots.filter((s) => s.policy === policy);
}

/** Take a snapshot for the policy, then prune that policy's snapshots by its retention. */
export async function runSnapshotPolicy(
  service: SnapshotService,
  req: PolicyRunRequest,
): Promise<PolicyRunResult> {
  const { vm, policy, now } = req;
  const dryRun = req.dryRun === true;
  const created = policySnapshotName(policy.name, now);
  if (!dryRun) {
    await service.create(vm, {
      name: created,
      description: `taken by snapshot policy ${policy.name}`,
      policy: policy.name,
      diskOnly: policy.diskOnly,
      noMemory: policy.noMemory,
      quiesce: policy.quiesce,
      now,
      signal: req.signal,
    });
  }
  req.signal?.throwIfAborted();
  const { snapshots } = await service.list(vm);
  // A dry run predicts the real one, which is refused when this second's name is taken (a second
  // run within the same second).
  if (dryRun && snapshots.some((s) => s.name === created)) {
    throw new ConflictError(`VM ${vm} already has a snapshot named ${created}`, {
      details: { vm, snapshot: created },
    });
  }
  const own = snapshotsOfPolicy(snapshots, policy.name);
  const items = own.map((s) => ({ id: s.name, time: s.createdAt }));
  if (dryRun) items.push({ id: created, time: now.getTime() });
  const plan = planPrune(items, policy.retention, policy.timeZone);
  const deleted: string[] = [];
  const leftFiles: string[] = [];
  const failed: { snapshot: string; message: string }[] = [];
  if (!dryRun) {
    for (const name of plan.remove) {
      req.signal?.throwIfAborted();
      try {
        const r = await service.delete(vm, name);
        deleted.push(...r.deleted);
        leftFiles.push(...r.leftFiles);
      } catch (err) {
        failed.push({ snapshot: name, message: err instanceof Error ? err.message : String(err) });
      }
    }
  }
  return { vm, policy: policy.name, dryRun, created, decisions: plan.decisions, deleted, leftFiles, failed };
}
