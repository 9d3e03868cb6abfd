import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { VmError } from '../../core/errors/index.js';
import type { BulkResult } from '../../core/vm/bulk/run-bulk.js';
import { bulkJsonLine, renderBulkTable, type BulkOutcome } from './bulk-results.js';

const RESULTS: BulkResult<BulkOutcome>[] = [
  { name: 'web-1', ok: true, value: { outcome: 'shut down' }, ms: 2140.4 },
  {
    name: 'web-2',
    ok: false,
    error: new VmError('cannot pause VM web-2: it is shut off', { code: 'VM_STATE_INVALID' }),
    ms: 12,
  },
  { name: 'web-3', ok: false, skipped: true },
];

describe('bulk results', () => {
  it('renders one table row per VM: outcome, failed with the error and code, skipped', () => {
    const lines = renderBulkTable(RESULTS).split('\n');
    assert.match(lines[0] ?? '', /^NAME\s+RESULT\s+TIME\s+ERROR$/);
    assert.match(lines[1] ?? '', /^web-1\s+shut down\s+2\.1s\s*$/);
    assert.match(
      lines[2] ?? '',
      /^web-2\s+failed\s+0\.0s\s+cannot pause VM web-2: it is shut off \[VM_STATE_INVALID\]$/,
    );
    assert.match(lines[3] ?? '', /^web-3\s+skipped\s+-\s*$/);
  });

  it('writes one JSON object per VM with the shared error shape', () => {
    assert.deepEqual(
      RESULTS.map((r) => JSON.parse(bulkJsonLine(r)) as unknown),
      [
        { name: 'web-1', ok: true, result: 'shut down', ms: 2140 },
        {
          name: 'web-2',
          ok: false,
          ms: 12,
          error: { code: 'VM_STATE_INVALID', message: 'cannot pause VM web-2: it is shut off', details: {} },
        },
        { name: 'web-3', ok: false, skipped: true },
      ],
    );
  });
});
