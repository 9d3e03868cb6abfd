// Why: a backup or restore of a large VM takes minutes; on a terminal one self-overwriting line on
// stderr shows it moving (phase, disk, percent), and nothing at all is drawn when stderr is a file.
import type { BackupProgress } from '../../core/backup/backup-progress.js';
import { formatSize } from '../../core/validate/format-size.js';
import type { CliContext } from '../context.js';

/** A progress sink for core operations, and `done()` to clear the line. */
export interface ProgressLine {
  readonly update: (p: BackupProgress) => void;
  readonly done: () => void;
}

/** Draw progress on stderr when it is a TTY (and not --quiet/--json); otherwise do nothing. */
export function progressLine(ctx: CliContext): ProgressLine {
  const active = ctx.stderr.isTTY === true && !ctx.options.quiet && !ctx.options.json;
  let drawn = false;
  let last = 0;
  return {
    update: (p) => {
      if (!active) return;
      const now = Date.now();
      if (now - last < 100 && p.done !== p.total) return;
      last = now;
      const what =
        p.phase === 'copy' && p.total > 0 && p.disk === undefined
          ? `${formatSize(p.done)} / ${formatSize(p.total)} (${Math.floor((100 * p.done) / p.total)}%)`
          : `${p.disk ?? ''}${p.total > 0 ? ` (${p.done + 1}/${p.total})` : ''}`;
      ctx.stderr.write(`\r\x1b[K${p.vm}: ${p.phase} ${what}`);
      drawn = true;
    },
    done: () => {
      if (drawn) ctx.stderr.write('\r\x1b[K');
      drawn = false;
    },
  };
}
