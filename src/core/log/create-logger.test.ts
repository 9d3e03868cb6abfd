import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, type Verbosity } from './create-logger.js';

function sink(): { write(s: string): boolean; text: () => string } {
  let buf = '';
  return {
    write(s: string) {
      buf += s;
      return true;
    },
    text: () => buf,
  };
}

function logAll(verbosity: Verbosity): string {
  const err = sink();
  const { logger } = createLogger({ verbosity, stderr: err });
  logger.debug('d');
  logger.info('i');
  logger.warn('w');
  logger.error({ code: 'CHECK_FAILED' }, 'e');
  return err.text();
}

test('stderr shows warnings and errors by default, as short lines', () => {
  assert.equal(logAll('normal'), 'hv: warning: w\nhv: error: e [CHECK_FAILED]\n');
});

test('--quiet keeps only errors, --verbose adds info, debug adds debug', () => {
  assert.equal(logAll('quiet'), 'hv: error: e [CHECK_FAILED]\n');
  assert.equal(logAll('verbose'), 'hv: info: i\nhv: warning: w\nhv: error: e [CHECK_FAILED]\n');
  assert.match(logAll('debug'), /^hv: debug: d\n/);
});

test('the log file gets JSON lines from info up, whatever stderr shows', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hv-log-'));
  try {
    const err = sink();
    const log = createLogger({ verbosity: 'quiet', stderr: err, logDir: join(dir, 'nested') });
    assert.equal(log.logFile, join(dir, 'nested', 'hv.log'));
    log.logger.debug('not kept');
    log.logger.info({ vm: 'web-1' }, 'started');
    log.logger.warn('low space');
    log.close();
    const lines = (await readFile(join(dir, 'nested', 'hv.log'), 'utf8')).trim().split('\n');
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(
      records.map((r) => [r.level, r.msg, r.vm]),
      [
        [30, 'started', 'web-1'],
        [40, 'low space', undefined],
      ],
    );
    const first = records[0];
    assert.ok(first !== undefined);
    assert.equal(first.pid, process.pid);
    assert.equal(typeof first.time, 'number');
    assert.equal(err.text(), '');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('an unwritable log directory is skipped silently', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hv-log-'));
  try {
    await writeFile(join(dir, 'file'), '');
    const err = sink();
    const log = createLogger({ verbosity: 'normal', stderr: err, logDir: join(dir, 'file', 'sub') });
    assert.equal(log.logFile, undefined);
    log.logger.warn('still on stderr');
    assert.equal(err.text(), 'hv: warning: still on stderr\n');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
