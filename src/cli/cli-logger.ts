// The logger a CLI command uses: verbosity from --quiet/--verbose, file and level from the
// configuration. Commands load it lazily (pino costs ~45 ms to import), so --help and --version never pay.
import type { HvConfig } from '../core/config/config-schema.js';
import { createLogger, type HvLogger } from '../core/log/create-logger.js';
import type { CliContext } from './context.js';

/** Open hv's logger for this command run. */
export function openCliLogger(
  ctx: Pick<CliContext, 'options' | 'stderr'>,
  config: Pick<HvConfig, 'log_dir' | 'log_level'>,
): HvLogger {
  const verbosity = ctx.options.quiet ? 'quiet' : ctx.options.verbose ? 'verbose' : 'normal';
  return createLogger({ verbosity, stderr: ctx.stderr, logDir: config.log_dir, fileLevel: config.log_level });
}
