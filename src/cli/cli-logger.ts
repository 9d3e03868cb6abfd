// The logger a CLI command uses: verbosity from --quiet/--verbose, file and level from the
// configuration. Commands load it lazily (pino costs ~45 ms to import), so --help and --version never pay.
import type { HvConfig } from '../core/config/config-schema.js';
import { createLogger, type HvLogger } from '../core/log/create-logger.js';
import type { CliContext } from './context.js';

/**
 * Open hv's logger for this command run. Without a (valid) configuration there is no log file:
 * log_dir cannot be trusted then, and stderr still gets the messages.
 */
export function openCliLogger(
  ctx: Pick<CliContext, 'options' | 'stderr'>,
  config: Pick<HvConfig, 'log_dir' | 'log_level'> | undefined,
): HvLogger {
  const verbosity = ctx.options.quiet ? 'quiet' : ctx.options.verbose ? 'verbose' : 'normal';
  if (config === undefined) return createLogger({ verbosity, stderr: ctx.stderr });
  return createLogger({ verbosity, stderr: ctx.stderr, logDir: config.log_dir, fileLevel: config.log_level });
}
