import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import type { CliContext } from '../context.js';
import { bulkProgress } from './bulk-progress.js';

function context(tty: boolean, json = false): { ctx: CliContext; err: () => string } {
  const stderr = Object.assign(new PassThrough(), { isTTY: tty });
  let text = '';
  stderr.on('data', (c: Buffer) => (text += c.toString()));
  const ctx = {
    options: { connect: 'test:///default', json, quiet: false, verbose: false, configPath: '', color: false },
    stdout: new PassThrough(),
    stderr,
    stdin: new PassThrough(),
    env: {},
    signal: new AbortController().signal,
  } satisfies CliContext;
  return { ctx, err: () => text };
}

describe('bulkProgress', () => {
  it('on a TTY redraws one line with done/total and the VMs still busy, and clears it at the end', async () => {
    const { ctx, err } = context(true);
    const p = bulkProgress(ctx, 'stop', 3);
    p.started('web-1');
    p.started('web-2');
    p.finished('web-1');
    p.done();
    await new Promise((resolve) => setImmediate(resolve));
    const frames = err().split('\r\x1b[K');
    assert.match(frames[1] ?? '', /^stop: 0\/3 done; waiting for web-1 \(\d+s\)$/);
    assert.match(frames[2] ?? '', /^stop: 0\/3 done; waiting for web-1, web-2 \(\d+s\)$/);
    assert.match(frames[3] ?? '', /^stop: 1\/3 done; waiting for web-2 \(\d+s\)$/);
    assert.equal(frames.at(-1), '');
  });

  it('draws nothing when stderr is not a TTY or with --json', async () => {
    for (const { ctx, err } of [context(false), context(true, true)]) {
      const p = bulkProgress(ctx, 'stop', 1);
      p.started('a');
      p.finished('a');
      p.done();
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(err(), '');
    }
  });
});
