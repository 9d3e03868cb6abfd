// Why: a bulk verb reports per VM: one table at the end for people (NAME, RESULT, TIME, ERROR), or one
// JSON line per VM as it finishes for scripts, so a pipeline sees progress and a partial run is readable.
import { isSkipped, type BulkResult } from '../../core/vm/bulk/run-bulk.js';
import { renderTable, type Column } from './table.js';

/** What lifecycle (and other bulk) work returns per VM. */
export interface BulkOutcome {
  readonly outcome: string;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

const COLUMNS: readonly Column<BulkResult<BulkOutcome>>[] = [
  { header: 'NAME', value: (r) => r.name },
  {
    header: 'RESULT',
    value: (r) => (r.ok ? r.value.outcome : isSkipped(r) ? 'skipped' : 'failed'),
  },
  { header: 'TIME', value: (r) => (isSkipped(r) ? '-' : seconds(r.ms)), align: 'right' },
  {
    header: 'ERROR',
    value: (r) => (r.ok || isSkipped(r) ? '' : `${r.error.message} [${r.error.code}]`),
    flexible: true,
  },
];

/** The results as a table fitting `width` columns (undefined: no limit). */
export function renderBulkTable(results: readonly BulkResult<BulkOutcome>[], width?: number): string {
  return renderTable(results, COLUMNS, width);
}

/** One result as a JSON line (no newline): {name, ok, result, ms} / {name, ok, error} / {name, skipped}. */
export function bulkJsonLine(r: BulkResult<BulkOutcome>): string {
  if (r.ok) return JSON.stringify({ name: r.name, ok: true, result: r.value.outcome, ms: Math.round(r.ms) });
  if (isSkipped(r)) return JSON.stringify({ name: r.name, ok: false, skipped: true });
  return JSON.stringify({ name: r.name, ok: false, ms: Math.round(r.ms), ...r.error.toJSON() });
}
