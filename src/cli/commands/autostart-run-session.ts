// Why: `hv autostart run`, `hv shutdown-all` and `hv recover` print the same kind of progress: one
// stderr line per step, silent with --quiet or --json (stdout then carries the data).
import type { CliContext } from '../context.js';

/** A progress line on stderr (not with --quiet or --json). */
export function progressLine(ctx: CliContext, text: string): void {
  if (ctx.options.quiet || ctx.options.json) return;
  ctx.stderr.write(`${text}\n`);
}

/** Milliseconds as `1.5s`. */
export function secondsText(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
