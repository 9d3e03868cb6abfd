// Cron expressions for schedules (backups, snapshots, VM start/stop): the classic five fields with
// ranges, steps, lists and JAN/MON names, plus @hourly ... @yearly. Every field is checked against its
// range so "0 25 * * *" fails now with a clear reason instead of never firing (the old scheduler bug).
import { ValidationError, showValue } from '../errors/index.js';
import { hasControlChars, requireString } from './require-string.js';

/** A parsed schedule: the canonical five-field text and each field's allowed values, sorted. */
export interface CronSchedule {
  readonly text: string;
  readonly minute: readonly number[];
  readonly hour: readonly number[];
  readonly dayOfMonth: readonly number[];
  readonly month: readonly number[];
  /** 0 = Sunday ... 6 = Saturday (7 is folded into 0). */
  readonly dayOfWeek: readonly number[];
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const FIELDS: readonly FieldSpec[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day-of-week', min: 0, max: 7, names: DAYS },
];
const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

class FieldError extends Error {}

function parseValue(spec: FieldSpec, text: string): number {
  const byName = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (byName >= 0) return byName + (spec.min === 1 ? 1 : 0);
  if (!/^\d{1,2}$/.test(text)) {
    throw new FieldError(
      `${spec.name}: ${showValue(text)} is not a number${spec.names ? ` or a name like ${spec.names[0] ?? ''}` : ''}`,
    );
  }
  const n = Number(text);
  if (n < spec.min || n > spec.max) {
    throw new FieldError(`${spec.name}: ${n} is out of range ${spec.min}-${spec.max}`);
  }
  return n;
}

function parseItem(spec: FieldSpec, item: string, into: Set<number>): void {
  const [base = '', stepText, extra] = item.split('/');
  if (extra !== undefined || base === '')
    throw new FieldError(`${spec.name}: ${showValue(item)} is malformed`);
  let from = spec.min;
  let to = spec.max;
  if (base !== '*') {
    const [a = '', b, more] = base.split('-');
    if (more !== undefined) throw new FieldError(`${spec.name}: ${showValue(item)} is malformed`);
    from = parseValue(spec, a);
    if (b === undefined && stepText !== undefined) {
      // Vixie cron reads "5/20" as 5-max/20, others refuse it; croner (hv's scheduler) refuses it.
      throw new FieldError(
        `${spec.name}: ${showValue(item)} needs a range: write ${a}-${spec.max}/${stepText}`,
      );
    }
    to = b === undefined ? from : parseValue(spec, b);
    if (to < from) throw new FieldError(`${spec.name}: range ${showValue(base)} goes backwards`);
  }
  let step = 1;
  if (stepText !== undefined) {
    const span = spec.max - spec.min;
    if (!/^\d{1,2}$/.test(stepText) || Number(stepText) < 1 || Number(stepText) > span) {
      throw new FieldError(`${spec.name}: step ${showValue(stepText)} must be from 1 to ${span}`);
    }
    step = Number(stepText);
  }
  for (let v = from; v <= to; v += step) into.add(spec.name === 'day-of-week' && v === 7 ? 0 : v);
}

function parseField(spec: FieldSpec, text: string): number[] {
  const values = new Set<number>();
  for (const item of text.split(',')) parseItem(spec, item, values);
  return [...values].sort((a, b) => a - b);
}

/**
 * Parse a five-field cron expression (minute hour day-of-month month day-of-week) or a macro
 * (@hourly, @daily/@midnight, @weekly, @monthly, @yearly/@annually). @reboot is refused: hv
 * schedules run from its daemon; use VM autostart for boot-time starts.
 * @throws ValidationError whose rule names the bad field and why.
 */
export function parseCron(field: string, value: unknown): CronSchedule {
  const raw = requireString(field, value);
  const fail = (rule: string): never => {
    throw new ValidationError(field, rule, { value: raw });
  };
  if (hasControlChars(raw.replace(/\t/g, ' '))) fail('must not contain control characters');
  const trimmed = raw.trim();
  if (trimmed.startsWith('@')) {
    if (trimmed.toLowerCase() === '@reboot') {
      fail('@reboot is not supported (hv schedules run in hvd; use VM autostart instead)');
    }
    const expanded = MACROS[trimmed.toLowerCase()];
    if (expanded === undefined) fail(`unknown macro (use one of ${Object.keys(MACROS).join(', ')})`);
    return parseCron(field, expanded);
  }
  const parts = trimmed.split(/[ \t]+/);
  if (parts.length !== 5) {
    fail(`must have 5 fields (minute hour day-of-month month day-of-week), not ${parts.length}`);
  }
  try {
    const [minute, hour, dayOfMonth, month, dayOfWeek] = FIELDS.map((spec, i) =>
      parseField(spec, parts[i] ?? ''),
    ) as [number[], number[], number[], number[], number[]];
    // With day-of-week '*', only day-of-month decides: "31 2" (31 February) would never fire.
    const longest = Math.max(...month.map((m) => DAYS_IN_MONTH[m - 1] ?? 31));
    if (parts[4] === '*' && (dayOfMonth[0] ?? 1) > longest) {
      throw new FieldError(`day-of-month: never occurs in the months chosen (at most ${longest} days)`);
    }
    return { text: parts.join(' '), minute, hour, dayOfMonth, month, dayOfWeek };
  } catch (err) {
    if (err instanceof FieldError) return fail(err.message);
    throw err;
  }
}
