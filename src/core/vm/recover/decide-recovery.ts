// Why: whether `hv recover` may restart a crashed VM now is a pure rule over its recent attempts, so the
// cap and the backoff are unit-tested without a clock or a VM: at most max_attempts_per_day restarts in
// any 24 hours (then "gave up" until the oldest of them is a day old), and between two attempts a wait
// that doubles each time (backoff_base_s, 2x, 4x... capped at backoff_max_s).
/** The `recover:` configuration section. */
export interface RecoverConfig {
  readonly max_attempts_per_day: number;
  readonly backoff_base_s: number;
  readonly backoff_max_s: number;
}

/** The window the cap counts in. */
export const CAP_WINDOW_MS = 24 * 60 * 60 * 1000;

/** What to do with a crashed VM now. */
export type RecoveryDecision =
  | { readonly action: 'restart'; readonly attempts: number }
  | { readonly action: 'gave up'; readonly attempts: number; readonly nextAt: Date }
  | { readonly action: 'wait'; readonly attempts: number; readonly nextAt: Date };

/** Wait required after `n` attempts (n >= 1) before the next one, in ms. */
export function backoffMs(n: number, config: RecoverConfig): number {
  if (n <= 0) return 0;
  const seconds = Math.min(config.backoff_max_s, config.backoff_base_s * 2 ** Math.min(n - 1, 30));
  return Math.round(seconds * 1000);
}

/**
 * Decide for one VM. `attempts`: times of its attempts in the last 24 hours (any order). Pure.
 */
export function decideRecovery(
  attempts: readonly Date[],
  now: Date,
  config: RecoverConfig,
): RecoveryDecision {
  const recent = attempts
    .filter((t) => now.getTime() - t.getTime() < CAP_WINDOW_MS)
    .sort((a, b) => a.getTime() - b.getTime());
  const n = recent.length;
  const oldest = recent[0];
  const last = recent[n - 1];
  if (n >= config.max_attempts_per_day && oldest !== undefined) {
    // The cap frees a slot when the (n - max + 1)-th oldest attempt leaves the window.
    const freeing = recent[n - config.max_attempts_per_day] ?? oldest;
    return { action: 'gave up', attempts: n, nextAt: new Date(freeing.getTime() + CAP_WINDOW_MS) };
  }
  if (last !== undefined) {
    const nextAt = new Date(last.getTime() + backoffMs(n, config));
    if (nextAt.getTime() > now.getTime()) return { action: 'wait', attempts: n, nextAt };
  }
  return { action: 'restart', attempts: n };
}
