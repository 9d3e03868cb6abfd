import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import { VmError } from '../../errors/index.js';
import { isSkipped, runBulk, type BulkResult } from './run-bulk.js';

/** A gate that work awaits, opened by the test: real async work whose finishing order the test decides. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const wait = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { wait, open };
}

const NAMES = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];

describe('runBulk', () => {
  it('never runs more than `parallel` items at once and returns results in input order', async () => {
    let running = 0;
    let peak = 0;
    const results = await runBulk(
      NAMES,
      async (name) => {
        running += 1;
        peak = Math.max(peak, running);
        for (let i = 0; i < 3; i++) await tick();
        running -= 1;
        return name.toUpperCase();
      },
      { parallel: 3 },
    );
    assert.equal(peak, 3);
    assert.deepEqual(
      results.map((r) => (r.ok ? r.value : 'x')),
      NAMES.map((n) => n.toUpperCase()),
    );
  });

  it('a failure does not stop the others; thrown errors become HvErrors', async () => {
    const results = await runBulk(
      ['a', 'b', 'c'],
      async (name) => {
        await tick();
        if (name === 'b') throw new VmError('b is broken', { code: 'VM_STATE_INVALID' });
        if (name === 'c') throw new Error('plain');
        return name;
      },
      { parallel: 1 },
    );
    assert.equal(results[0]?.ok, true);
    const b = results[1];
    assert.ok(b !== undefined && !b.ok && !isSkipped(b));
    assert.equal(b.error.code, 'VM_STATE_INVALID');
    const c = results[2];
    assert.ok(c !== undefined && !c.ok && !isSkipped(c));
    assert.equal(c.error.code, 'INTERNAL');
  });

  it('on abort stops launching, lets running items see the signal, and marks the rest skipped', async () => {
    const ac = new AbortController();
    const gates = new Map(NAMES.map((n) => [n, gate()]));
    const started: string[] = [];
    const seen: BulkResult<string>[] = [];
    const run = runBulk(
      NAMES,
      async (name, signal) => {
        started.push(name);
        await Promise.race([
          gates.get(name)?.wait,
          new Promise<void>((resolve) => {
            signal.addEventListener('abort', () => {
              resolve();
            });
          }),
        ]);
        return signal.aborted ? `${name}:aborted` : name;
      },
      { parallel: 2, signal: ac.signal, onResult: (r) => seen.push(r) },
    );
    await tick();
    gates.get('a')?.open(); // a finishes, c starts
    for (let i = 0; i < 5; i++) await tick();
    assert.deepEqual(started, ['a', 'b', 'c']);
    ac.abort();
    const results = await run;
    assert.deepEqual(
      results.map((r) => (r.ok ? r.value : isSkipped(r) ? 'skipped' : 'failed')),
      ['a', 'b:aborted', 'c:aborted', 'skipped', 'skipped', 'skipped', 'skipped'],
    );
    assert.deepEqual(started, ['a', 'b', 'c']);
    assert.equal(seen.length, NAMES.length);
    assert.equal(seen.filter((r) => isSkipped(r)).length, 4);
  });

  it('an error thrown by work after the abort is reported as INTERRUPTED', async () => {
    const ac = new AbortController();
    const results = await runBulk(
      ['a'],
      async () => {
        ac.abort();
        await tick();
        throw new DOMException('This operation was aborted', 'AbortError');
      },
      { parallel: 1, signal: ac.signal },
    );
    const a = results[0];
    assert.ok(a !== undefined && !a.ok && !isSkipped(a));
    assert.equal(a.error.code, 'INTERRUPTED');
  });

  it('an empty list returns at once', async () => {
    assert.deepEqual(await runBulk([], () => Promise.resolve(1), { parallel: 4 }), []);
  });
});
