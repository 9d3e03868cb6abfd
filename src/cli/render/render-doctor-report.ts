// The doctor's report for people: one line per check (status, id, what was found), the fix indented
// under warnings and failures, and a count at the end. Colour only when the CLI allows it.
import type { CheckReport, CheckStatus } from '../../core/doctor/doctor-check.js';

const COLOURS: Record<CheckStatus, string> = { ok: '32', warn: '33', fail: '31', skip: '2' };

/** Count reports by status. */
export function countStatuses(reports: readonly CheckReport[]): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { ok: 0, warn: 0, fail: 0, skip: 0 };
  for (const r of reports) counts[r.status] += 1;
  return counts;
}

/** Render the report as text lines. */
export function renderDoctorReport(reports: readonly CheckReport[], colour: boolean): string {
  const idWidth = Math.max(0, ...reports.map((r) => r.id.length));
  const paint = (status: CheckStatus, text: string): string =>
    colour ? `\x1b[${COLOURS[status]}m${text}\x1b[0m` : text;
  const lines: string[] = [];
  for (const r of reports) {
    const summary = r.summary.replace(/[\r\n]+/g, ' ');
    lines.push(`${paint(r.status, r.status.padEnd(4))}  ${r.id.padEnd(idWidth)}  ${summary}`);
    if (r.fix !== undefined) lines.push(`${' '.repeat(6 + idWidth)}  fix: ${r.fix}`);
  }
  const c = countStatuses(reports);
  const parts = [`${c.ok} ok`, `${c.warn} warning${c.warn === 1 ? '' : 's'}`, `${c.fail} failed`];
  if (c.skip > 0) parts.push(`${c.skip} skipped`);
  lines.push('', parts.join(', '));
  return `${lines.join('\n')}\n`;
}
