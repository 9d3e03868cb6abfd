// Why: CPU time runs from a fraction of a second to months; the listing shows it the way ps and top do,
// short and with the unit that matters (12.3s, 4m05s, 3h02m, 12d04h), never as a raw seconds count.

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `seconds` of CPU time for a table cell. */
export function formatCpuTime(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '-';
  if (seconds < 60) return `${seconds.toFixed(1)}s`;
  const s = Math.floor(seconds);
  if (s < 3600) return `${Math.floor(s / 60)}m${pad2(s % 60)}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h${pad2(Math.floor((s % 3600) / 60))}m`;
  return `${Math.floor(s / 86_400)}d${pad2(Math.floor((s % 86_400) / 3600))}h`;
}
