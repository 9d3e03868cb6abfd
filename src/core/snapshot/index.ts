// Public surface of snapshots: the service, policies and their runs (the daemon schedules runs).
export { SnapshotService } from './snapshot-service.js';
/** @public (request and result types of SnapshotService) */
export type { CreateSnapshotOptions, CreatedSnapshot, DeletedSnapshots } from './snapshot-service.js';
/** @public */
export type { SnapshotPlan } from './plan-snapshot.js';
/** @public */
export type { SnapshotInfo } from './snapshot-xml.js';
export type { SnapshotNode } from './snapshot-tree.js';
/** @public */
export type { SnapshotTree } from './snapshot-tree.js';
export { DEFAULT_POLICY_NAME, type SnapshotPolicy } from './snapshot-policy.js';
export { runSnapshotPolicy, type PolicyRunResult } from './run-snapshot-policy.js';
/** @public */
export type { PolicyRunRequest } from './run-snapshot-policy.js';
export {
  getSnapshotPolicies,
  removeSnapshotPolicy,
  setSnapshotPolicy,
  vmsWithSnapshotPolicies,
} from './policy-service.js';
