// Public surface of retention: the Proxmox prune algorithm and its options, for backups and snapshots.
export {
  planPrune,
  type PruneItem,
  type PruneMark,
  type PruneDecision,
  type PrunePlan,
} from './plan-prune.js';
export {
  RETENTION_KEYS,
  RETENTION_MAX,
  formatRetention,
  parseRetentionOptions,
  retentionPrunes,
  type RetentionCountKey,
  type RetentionOptions,
} from './retention-options.js';
export { bucketKey, isoWeek, localTime, type BucketPeriod, type LocalTime } from './local-buckets.js';
export { hostTimeZone, validateTimeZone } from './time-zone.js';
export { parseTimestamp } from './parse-timestamp.js';
export {
  parseSimulationInput,
  simulatePrune,
  type SimulationLine,
  type SimulationResult,
} from './simulate-prune.js';
