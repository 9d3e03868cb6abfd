// Why: like Proxmox's prune simulator, `hv backup prune --simulate` shows what a retention setting would
// keep over a list of times before anyone trusts it with real backups. This parses that list (one
// timestamp per line) and runs the very planPrune that real pruning uses.
import { ValidationError } from '../errors/index.js';
import { parseTimestamp } from './parse-timestamp.js';
import { planPrune, type PruneMark } from './plan-prune.js';
import type { RetentionOptions } from './retention-options.js';

/** One timestamp line of a simulation file (`line` counts from 1; `text` is the line trimmed). */
export interface SimulationLine {
  line: number;
  text: string;
  time: number;
}

/** The simulator's answer: input strings as given, newest first, and the zone the buckets used. */
export interface SimulationResult {
  timeZone: string;
  keep: string[];
  remove: string[];
  decisions: { timestamp: string; time: number; mark: PruneMark; reason: string }[];
}

/**
 * Parse a simulation file: one timestamp per line (ISO 8601 with offset, or epoch seconds); blank
 * lines and lines starting with `#` are ignored; surrounding whitespace is dropped.
 * @throws ValidationError `<source> line N: ...` (exit 4) for the first line that is not a timestamp.
 */
export function parseSimulationInput(text: string, source: string): SimulationLine[] {
  const out: SimulationLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const t = raw.trim();
    if (t === '' || t.startsWith('#')) return;
    const time = parseTimestamp(t);
    if (time === undefined) {
      throw new ValidationError(
        `${source} line ${i + 1}`,
        'must be an ISO 8601 time with an offset (2026-11-25T14:00:00+01:00, ...Z) or epoch seconds',
        { value: t, details: { line: i + 1 } },
      );
    }
    out.push({ line: i + 1, text: t, time });
  });
  return out;
}

/** Run planPrune over the timestamps in `text` (see {@link parseSimulationInput}) in `timeZone`. */
export function simulatePrune(
  text: string,
  source: string,
  opts: RetentionOptions,
  timeZone: string,
): SimulationResult {
  const lines = parseSimulationInput(text, source);
  const byId = new Map(lines.map((l) => [String(l.line), l]));
  const plan = planPrune(
    lines.map((l) => ({ id: String(l.line), time: l.time })),
    opts,
    timeZone,
  );
  const textOf = (id: string): string => byId.get(id)?.text ?? id;
  return {
    timeZone,
    keep: plan.keep.map(textOf),
    remove: plan.remove.map(textOf),
    decisions: plan.decisions.map((d) => ({
      timestamp: textOf(d.id),
      time: d.time,
      mark: d.mark,
      reason: d.reason,
    })),
  };
}
