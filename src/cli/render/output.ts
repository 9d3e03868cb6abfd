// Writing results: JSON when --json, text otherwise; errors as one line or as the shared JSON shape.
import type { CliContext } from '../context.js';
import { HvError } from '../../core/errors/index.js';

/** Print a value as pretty JSON on stdout. */
export function printJson(ctx: CliContext, value: unknown): void {
  ctx.stdout.write(
    `${JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2)}\n`,
  );
}

/** Print lines of text on stdout unless --quiet. */
export function printText(ctx: CliContext, text: string): void {
  if (ctx.options.quiet) return;
  ctx.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Print an error: one line `hv: CODE: message` or the JSON error shape, always on stderr. */
export function printError(
  ctx: Pick<CliContext, 'stderr'> & { options: { json: boolean } },
  err: HvError,
): void {
  if (ctx.options.json) {
    ctx.stderr.write(`${JSON.stringify(err.toJSON())}\n`);
  } else {
    ctx.stderr.write(`hv: ${err.message} [${err.code}]\n`);
  }
}
