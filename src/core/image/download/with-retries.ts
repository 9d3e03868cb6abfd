// Retrying a network step with exponential backoff (1 s, 2 s, 4 s... up to 30 s, +-20 % jitter so many
// hosts do not retry in step). Only errors marked transient are retried; Ctrl-C during the wait ends it.
import { setTimeout as sleep } from 'node:timers/promises';
import { InterruptedError } from '../../errors/index.js';
import { isTransient } from './transient-errors.js';

/** Retry policy. */
export interface RetryOptions {
  /** Retries after the first try. */
  readonly retries: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly signal?: AbortSignal;
  /** Told before each wait. */
  readonly onRetry?: (err: unknown, retry: number, delayMs: number) => void;
}

/** Delay before retry number `retry` (1-based). */
export function backoffDelay(retry: number, baseMs = 1000, maxMs = 30_000, random = Math.random): number {
  const raw = Math.min(maxMs, baseMs * 2 ** (retry - 1));
  return Math.round(raw * (0.8 + 0.4 * random()));
}

/** Run `step` until it succeeds, fails for good, or runs out of retries (the last error is thrown). */
export async function withRetries<T>(
  step: (attempt: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await step(attempt);
    } catch (err) {
      if (options.signal?.aborted === true || !isTransient(err) || attempt >= options.retries) throw err;
      const delay = backoffDelay(attempt + 1, options.baseDelayMs, options.maxDelayMs);
      options.onRetry?.(err, attempt + 1, delay);
      try {
        await sleep(delay, undefined, options.signal === undefined ? {} : { signal: options.signal });
      } catch {
        throw new InterruptedError('interrupted while waiting to retry the download');
      }
    }
  }
}
