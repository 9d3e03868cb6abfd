// Why: the prune simulator reads timestamps people paste from logs and file names. Only forms that
// name one instant are accepted (ISO 8601 with a UTC offset, or epoch seconds); a time without an
// offset would silently depend on the zone it is read in, so it is refused rather than guessed.

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/;
const EPOCH = /^[+-]?\d{1,15}(?:\.\d{1,9})?$/;

function daysInMonth(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
}

/**
 * Epoch milliseconds of `text`, or undefined when it is neither ISO 8601 with an offset
 * (`2026-11-25T14:00:00+01:00`, `...Z`, seconds and fractions optional) nor epoch seconds (`1764075600`,
 * fractions allowed). Calendar fields are range-checked (no 2026-02-30, no 24:00, no leap second).
 */
export function parseTimestamp(text: string): number | undefined {
  if (EPOCH.test(text)) {
    const ms = Math.round(Number(text) * 1000);
    return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? ms : undefined;
  }
  const m = ISO.exec(text);
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const offH = Number(m[10] ?? 0);
  const offM = Number(m[11] ?? 0);
  if (offH > 23 || offM > 59) return undefined;
  const fraction = Number(`0.${m[7] ?? '0'}`);
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  const offsetMs = (m[8] !== undefined ? 0 : (m[9] === '-' ? -1 : 1) * (offH * 60 + offM)) * 60_000;
  return d.getTime() + Math.round(fraction * 1000) - offsetMs;
}
