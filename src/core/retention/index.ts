// Public surface of retention: the Proxmox prune algorithm and its options, for backups and snapshots.
export { planPrune, type PruneDecision, type PrunePlan } from './plan-prune.js';
/** @public (the input and mark types of planPrune, for callers that build items or match marks) */
export type { PruneItem, PruneMark } from './plan-prune.js';
export {
  RETENTION_KEYS,
  formatRetention,
  parseRetentionOptions,
  retentionPrunes,
  type RetentionOptions,
} from './retention-options.js';
export { hostTimeZone, validateTimeZone } from './time-zone.js';
export { simulatePrune } from './simulate-prune.js';
/** @public */
export type { SimulationResult } from './simulate-prune.js';
