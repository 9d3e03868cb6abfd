// Why: snapshots need names people can sort and type; the default is the UTC time it was taken, so the
// name never depends on the zone of whoever ran the command.

const two = (n: number): string => String(n).padStart(2, '0');

/** `YYYYmmdd-HHMMSS` in UTC. */
export function utcStamp(now: Date): string {
  return (
    `${now.getUTCFullYear()}${two(now.getUTCMonth() + 1)}${two(now.getUTCDate())}-` +
    `${two(now.getUTCHours())}${two(now.getUTCMinutes())}${two(now.getUTCSeconds())}`
  );
}

/** The default snapshot name `snap-YYYYmmdd-HHMMSS` (UTC). */
export function defaultSnapshotName(now: Date): string {
  return `snap-${utcStamp(now)}`;
}
