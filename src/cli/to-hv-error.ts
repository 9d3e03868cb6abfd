// Last-resort translation at the CLI edge: anything that is not already an HvError becomes one, so
// the user always sees a code and a one-line message, never a stack trace.
import { HvError } from '../core/errors/index.js';

/** Wrap an unknown thrown value as an HvError (INTERNAL when it is not one already). */
export function toHvError(err: unknown): HvError {
  if (err instanceof HvError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new HvError('INTERNAL', `unexpected error: ${message}`, {
    cause: err,
    details:
      err instanceof Error && err.stack !== undefined ? { stack: err.stack.split('\n').slice(0, 8) } : {},
  });
}
