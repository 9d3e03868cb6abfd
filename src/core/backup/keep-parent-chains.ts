// Why: retention (Proxmox prune) looks at times only; an incremental backup is useless without every
// backup it builds on. After planPrune decides, this pure step moves back to "keep" any backup that a
// kept backup depends on, and says so ("kept: parent of <id>"), so prune can never break a chain.
import type { PrunePlan } from '../retention/index.js';

/** A prune decision after chain safety: what happens and why. */
export interface BackupPruneDecision {
  readonly id: string;
  readonly time: number;
  readonly action: 'keep' | 'remove';
  /** e.g. `keep-daily 2026-11-25`, `protected`, `kept: parent of web-1.20261126T120000Z`. */
  readonly reason: string;
}

/**
 * Apply chain safety to `plan`: every ancestor (through `parentOf`) of a kept backup is kept.
 * Decisions stay newest first.
 */
export function keepParentChains(
  plan: PrunePlan,
  parentOf: ReadonlyMap<string, string | null>,
): BackupPruneDecision[] {
  const keptBy = new Map<string, string>();
  const removing = new Set(plan.remove);
  for (const d of plan.decisions) {
    if (d.mark === 'remove') continue;
    // Walk the whole chain up; a parent the plan removes is kept for the nearest kept child.
    let child = d.id;
    let parent = parentOf.get(child) ?? null;
    const seen = new Set<string>([child]);
    while (parent !== null && !seen.has(parent)) {
      seen.add(parent);
      if (removing.delete(parent)) keptBy.set(parent, child);
      child = parent;
      parent = parentOf.get(child) ?? null;
    }
  }
  return plan.decisions.map((d): BackupPruneDecision => {
    const by = keptBy.get(d.id);
    if (by !== undefined) return { id: d.id, time: d.time, action: 'keep', reason: `kept: parent of ${by}` };
    return { id: d.id, time: d.time, action: d.mark === 'remove' ? 'remove' : 'keep', reason: d.reason };
  });
}
