// Why: a caller may hand one AbortSignal to hundreds of concurrent calls (`hv ls` on a big host, a
// bulk start). One 'abort' listener per call trips Node's MaxListenersExceededWarning at 11 and costs
// an EventTarget entry each; instead every signal gets ONE listener that fans out to the calls still
// waiting on it, and is removed when the last of them settles.
const waiting = new WeakMap<AbortSignal, Set<() => void>>();

function fire(this: AbortSignal): void {
  const set = waiting.get(this);
  waiting.delete(this);
  if (set !== undefined) for (const fn of set) fn();
}

/**
 * Run `fn` once when `signal` aborts. Returns the function that cancels the subscription (call it when
 * the work ends first). The signal must not be aborted yet.
 */
export function onAbortShared(signal: AbortSignal, fn: () => void): () => void {
  let set = waiting.get(signal);
  if (set === undefined) {
    set = new Set();
    waiting.set(signal, set);
    signal.addEventListener('abort', fire, { once: true });
  }
  set.add(fn);
  return () => {
    const current = waiting.get(signal);
    if (current === undefined || !current.delete(fn) || current.size > 0) return;
    waiting.delete(signal);
    signal.removeEventListener('abort', fire);
  };
}
