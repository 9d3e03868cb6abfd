import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStateDb } from '../../store/state-db.js';
import { RecoveryLog } from './recovery-log.js';

test('RecoveryLog records attempts in hv.db and reads back one VM since a time, oldest first', () => {
  const db = openStateDb(':memory:');
  try {
    const log = new RecoveryLog(db);
    const base = { vmUuid: 'u-1', vm: 'web', foundState: 'crashed' } as const;
    log.record({
      ...base,
      at: '2026-11-26T10:00:00.000Z',
      outcome: 'failed',
      errorCode: 'VM_ERROR',
      error: 'boom',
    });
    log.record({ ...base, at: '2026-11-26T09:00:00.000Z', outcome: 'restarted' });
    log.record({ ...base, vmUuid: 'u-2', vm: 'db', at: '2026-11-26T11:00:00.000Z', outcome: 'restarted' });
    assert.deepEqual(log.since('u-1', new Date('2026-11-26T08:00:00Z')), [
      { ...base, at: '2026-11-26T09:00:00.000Z', outcome: 'restarted' },
      { ...base, at: '2026-11-26T10:00:00.000Z', outcome: 'failed', errorCode: 'VM_ERROR', error: 'boom' },
    ]);
    assert.equal(log.since('u-1', new Date('2026-11-26T09:30:00Z')).length, 1);
    assert.equal(log.since('u-3', new Date(0)).length, 0);
    assert.throws(() => {
      log.record({ ...base, at: '2026-11-26T12:00:00.000Z', outcome: 'maybe' as 'failed' });
    });
  } finally {
    db.close();
  }
});
