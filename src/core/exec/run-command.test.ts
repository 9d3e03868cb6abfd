import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from './run-command.js';
import { which } from './which.js';
import { CommandError, DependencyError, InterruptedError, TimeoutError } from '../errors/index.js';

test('runCommand captures stdout and stderr and passes arguments without a shell', async () => {
  const r = await runCommand('sh', ['-c', 'printf "%s|" "$@"; echo oops >&2', 'sh', 'a b', '$(id)', ';']);
  assert.equal(r.stdout, 'a b|$(id)|;|');
  assert.equal(r.stderr, 'oops\n');
  assert.equal(r.exitCode, 0);
});

test('runCommand feeds input on stdin', async () => {
  assert.equal((await runCommand('cat', [], { input: 'hello' })).stdout, 'hello');
});

test('runCommand turns a non-zero exit into CommandError with the stderr', async () => {
  await assert.rejects(
    runCommand('sh', ['-c', 'echo first >&2; echo bad thing >&2; exit 3']),
    (err: unknown) => {
      assert.ok(err instanceof CommandError);
      assert.equal(err.programExitCode, 3);
      assert.equal(err.stderr, 'first\nbad thing\n');
      assert.equal(err.message, 'sh exited with 3: bad thing');
      assert.equal(err.exitCode, 1);
      return true;
    },
  );
  assert.equal((await runCommand('sh', ['-c', 'exit 2'], { okExitCodes: [0, 2] })).exitCode, 2);
});

test('runCommand reports a missing program as a DependencyError (exit 2) naming the package', async () => {
  await assert.rejects(
    runCommand('hv-no-such-program', [], { missingHint: 'Debian package hv-pkg' }),
    (err: unknown) => {
      assert.ok(err instanceof DependencyError);
      assert.equal(err.exitCode, 2);
      assert.match(err.message, /hv-no-such-program is not installed .*Debian package hv-pkg/);
      return true;
    },
  );
});

test('runCommand kills a program that runs past its timeout, with what it started', async () => {
  const marker = `hv-test-${process.pid}-${Date.now()}`;
  await assert.rejects(
    runCommand('sh', ['-c', `sleep 7.${process.pid} & wait`, marker], { timeoutMs: 200 }),
    TimeoutError,
  );
  await new Promise((r) => setTimeout(r, 100));
  const ps = await runCommand('ps', ['-eo', 'args']);
  assert.ok(!ps.stdout.includes(`sleep 7.${process.pid}`), 'the grandchild survived');
});

test('runCommand kills the program when the signal aborts', async () => {
  const controller = new AbortController();
  const run = runCommand('sleep', ['10'], { signal: controller.signal });
  setTimeout(() => {
    controller.abort();
  }, 50);
  await assert.rejects(run, (err: unknown) => err instanceof InterruptedError && err.exitCode === 130);
  await assert.rejects(runCommand('true', [], { signal: controller.signal }), InterruptedError);
});

test('runCommand stops programs that print more than maxBuffer', async () => {
  await assert.rejects(
    runCommand('sh', ['-c', 'yes | head -c 100000'], { maxBuffer: 1000 }),
    (err: unknown) => {
      assert.ok(err instanceof CommandError);
      assert.match(err.stderr, /output exceeded 1000 bytes/);
      return true;
    },
  );
});

test('which finds executables on the given PATH without running them', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hv-which-'));
  try {
    await writeFile(join(dir, 'tool'), '#!/bin/sh\n');
    await chmod(join(dir, 'tool'), 0o755);
    await writeFile(join(dir, 'plain'), '');
    assert.equal(await which('tool', `/nonexistent:relative:${dir}`), join(dir, 'tool'));
    assert.equal(await which('plain', dir), undefined);
    assert.equal(await which('tool', 'relative'), undefined);
    assert.equal(await which(join(dir, 'tool'), ''), join(dir, 'tool'));
    assert.equal(await which('', dir), undefined);
    assert.equal(await which('hv-no-such-program'), undefined);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
