// Why: bulk verbs (`hv start 'web-*'`) must run VMs in parallel up to a limit, keep going when one VM
// fails, and on Ctrl-C stop launching new work while reporting exactly what was done and what was not.
import { HvError, InterruptedError } from '../../errors/index.js';
import { fromLibvirtError } from '../../libvirt-errors.js';

/** The work finished; `value` is what it returned. @public */
export interface BulkDone<R> {
  readonly name: string;
  readonly ok: true;
  readonly value: R;
  readonly ms: number;
}

/** The work threw; `error` is the HvError it became. @public */
export interface BulkFailed {
  readonly name: string;
  readonly ok: false;
  readonly error: HvError;
  readonly ms: number;
}

/** The work never started (the run was aborted first). */
export interface BulkSkipped {
  readonly name: string;
  readonly ok: false;
  readonly skipped: true;
}

/** What happened to one item of a bulk run. */
export type BulkResult<R> = BulkDone<R> | BulkFailed | BulkSkipped;

/** How to run a bulk job. */
export interface RunBulkOptions<R> {
  /** Items in flight at once (at least 1). */
  readonly parallel: number;
  /** Aborting stops launching; running items see it through their own signal argument. */
  readonly signal?: AbortSignal;
  /** Called as each item finishes, and for each skipped item once the run ends. */
  readonly onResult?: (r: BulkResult<R>) => void;
}

/** True for an item that never ran. */
export function isSkipped<R>(r: BulkResult<R>): r is BulkSkipped {
  return 'skipped' in r;
}

/**
 * Run `work` for every name, at most `parallel` at a time. One failure does not stop the others. On
 * abort no new item starts, running ones get the aborted signal, and the rest are marked skipped.
 * Results come back in the order of `names`; the promise never rejects because of `work`.
 */
export async function runBulk<R>(
  names: readonly string[],
  work: (name: string, signal: AbortSignal) => Promise<R>,
  opts: RunBulkOptions<R>,
): Promise<BulkResult<R>[]> {
  const parallel = Math.max(1, Math.floor(opts.parallel));
  const signal = opts.signal ?? new AbortController().signal;
  const results: (BulkResult<R> | undefined)[] = names.map(() => undefined);
  let next = 0;
  const runOne = async (index: number, name: string): Promise<void> => {
    const t0 = performance.now();
    let r: BulkResult<R>;
    try {
      const value = await work(name, signal);
      r = { name, ok: true, value, ms: performance.now() - t0 };
    } catch (err) {
      const error =
        signal.aborted && !(err instanceof HvError)
          ? new InterruptedError(`VM ${name}: interrupted`, { cause: err })
          : fromLibvirtError(err, `VM ${name}`);
      r = { name, ok: false, error, ms: performance.now() - t0 };
    }
    results[index] = r;
    opts.onResult?.(r);
  };
  const lane = async (): Promise<void> => {
    while (!signal.aborted && next < names.length) {
      const index = next++;
      await runOne(index, names[index] ?? '');
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, names.length) }, lane));
  return names.map((name, i) => {
    const r = results[i];
    if (r !== undefined) return r;
    const skipped: BulkSkipped = { name, ok: false, skipped: true };
    opts.onResult?.(skipped);
    return skipped;
  });
}
