// Reads the errno code (ENOENT, EACCES...) from a Node system error, for probes that branch on it.

/** The `code` of a Node system error, or undefined. */
export function errnoOf(err: unknown): string | undefined {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}
