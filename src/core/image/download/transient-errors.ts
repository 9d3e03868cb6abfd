// Which download failures are worth another try (a cut connection, a stall, a 503) and which are
// final (a 404, a refused redirect, a bad certificate). The HTTP layer marks transient errors as it
// creates them; the retry loop only asks.
const transient = new WeakSet<object>();

/** Mark `err` as transient (worth a retry) and return it. */
export function markTransient<E extends object>(err: E): E {
  transient.add(err);
  return err;
}

/** True when `err` was marked transient. */
export function isTransient(err: unknown): boolean {
  return typeof err === 'object' && err !== null && transient.has(err);
}
