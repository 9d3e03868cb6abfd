// Why: Proxmox buckets backups by local calendar fields (strftime %Y/%m/%d/%H, ISO %G/%V). We compute
// those fields for an explicit IANA zone with Intl.DateTimeFormat, so a DST change merges or splits
// hourly buckets exactly as local time does, and the ISO week uses the Thursday rule.

/** Calendar fields of an instant in a time zone (month 1-12, hour 0-23). */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
}

/** The retention periods that bucket by calendar fields. */
export type BucketPeriod = 'hourly' | 'daily' | 'weekly' | 'monthly' | 'yearly';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      hourCycle: 'h23',
      era: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Local calendar fields of `epochMs` in `timeZone` (years before 1 AD are 0, -1, ... as in ISO 8601). */
export function localTime(epochMs: number, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(epochMs)) parts[p.type] = p.value;
  const yearOfEra = Number(parts.year);
  const bc = parts.era === 'BC' || parts.era === 'B';
  return {
    year: bc ? 1 - yearOfEra : yearOfEra,
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
  };
}

/** ISO 8601 week-year and week (Monday start; week 1 holds the year's first Thursday). */
export function isoWeek(year: number, month: number, day: number): { weekYear: number; week: number } {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  const mondayBased = (date.getUTCDay() + 6) % 7;
  // The Thursday of the same ISO week decides the week-year.
  const thursday = new Date(date.getTime() + (3 - mondayBased) * 86_400_000);
  const weekYear = thursday.getUTCFullYear();
  const jan1 = new Date(0);
  jan1.setUTCFullYear(weekYear, 0, 1);
  const week = 1 + Math.floor((thursday.getTime() - jan1.getTime()) / (7 * 86_400_000));
  return { weekYear, week };
}

const pad = (n: number, width = 2): string =>
  n < 0 ? `-${String(-n).padStart(4, '0')}` : String(n).padStart(width, '0');

/**
 * The bucket key of an instant for one period, e.g. hourly `2026-11-25T14`, daily `2026-11-25`,
 * weekly `2026-W48`, monthly `2026-11`, yearly `2026` (local time in `timeZone`).
 */
export function bucketKey(period: BucketPeriod, epochMs: number, timeZone: string): string {
  return bucketKeyOf(period, localTime(epochMs, timeZone));
}

/** {@link bucketKey} from calendar fields already computed. */
export function bucketKeyOf(period: BucketPeriod, t: LocalTime): string {
  const y = pad(t.year, 4);
  switch (period) {
    case 'hourly':
      return `${y}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}`;
    case 'daily':
      return `${y}-${pad(t.month)}-${pad(t.day)}`;
    case 'weekly': {
      const w = isoWeek(t.year, t.month, t.day);
      return `${pad(w.weekYear, 4)}-W${pad(w.week)}`;
    }
    case 'monthly':
      return `${y}-${pad(t.month)}`;
    case 'yearly':
      return y;
  }
}
