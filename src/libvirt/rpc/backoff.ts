// Why: after a daemon restart every client reconnects at once; exponential backoff with jitter spreads
// the attempts out and stops a dead host from being hammered, while the first retry stays quick.

/** Backoff tuning: delays start at `initialMs`, multiply by `factor`, cap at `maxMs`, +- `jitter`. */
export interface BackoffOptions {
  readonly initialMs?: number;
  readonly maxMs?: number;
  readonly factor?: number;
  /** Fraction of the delay randomised either way (0..1; default 0.2). */
  readonly jitter?: number;
}

/**
 * Delay before reconnect attempt `attempt` (0-based): min(maxMs, initialMs * factor^attempt), spread by
 * the jitter fraction. `random` is injectable for tests.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, random = Math.random): number {
  const initial = Math.max(0, options.initialMs ?? 100);
  const max = Math.max(initial, options.maxMs ?? 5000);
  const factor = Math.max(1, options.factor ?? 2);
  const jitter = Math.min(1, Math.max(0, options.jitter ?? 0.2));
  const base = Math.min(max, initial * factor ** Math.max(0, attempt));
  const spread = base * jitter * (random() * 2 - 1);
  return Math.max(0, Math.round(Math.min(max, base + spread)));
}
