// Public surface of snapshots: the service, how the kind is decided, policies and their runs.
export {
  SnapshotService,
  type CreateSnapshotOptions,
  type CreatedSnapshot,
  type DeletedSnapshots,
} from './snapshot-service.js';
export {
  planSnapshot,
  type SnapshotPlan,
  type SnapshotRequest,
  type SnapshotDiskPlan,
} from './plan-snapshot.js';
export {
  domainSnapshotFacts,
  type DomainSnapshotFacts,
  type SnapshotDiskFact,
} from './domain-snapshot-facts.js';
export { parseSnapshotXml, snapshotXml, type SnapshotInfo } from './snapshot-xml.js';
export { buildSnapshotTree, type SnapshotNode, type SnapshotTree } from './snapshot-tree.js';
export { composeDescription, splitDescription, validateDescription } from './snapshot-description.js';
export { defaultSnapshotName } from './snapshot-name.js';
export {
  DEFAULT_POLICY_NAME,
  POLICY_NAME_MAX,
  parsePolicies,
  validatePolicy,
  withPolicies,
  type SnapshotPolicy,
} from './snapshot-policy.js';
export { readPolicies, writePolicies } from './policy-store.js';
export {
  policySnapshotName,
  runSnapshotPolicy,
  snapshotsOfPolicy,
  type PolicyRunRequest,
  type PolicyRunResult,
} from './run-snapshot-policy.js';
export {
  getSnapshotPolicies,
  removeSnapshotPolicy,
  setSnapshotPolicy,
  vmsWithSnapshotPolicies,
} from './policy-service.js';
