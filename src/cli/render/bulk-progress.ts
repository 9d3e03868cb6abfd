// Why: a bulk stop can wait minutes for guests to power off; on a terminal one self-overwriting stderr
// line shows how far it is (done/total, which VMs are still busy, seconds waited). Nothing when not a TTY.
import type { CliContext } from '../context.js';

/** A bulk progress line: call `started`/`finished` per VM, and `done()` before printing results. */
export interface BulkProgress {
  readonly started: (name: string) => void;
  readonly finished: (name: string) => void;
  readonly done: () => void;
}

/** Draw `verb: 2/5 done; waiting for a, b (12s)` on stderr when it is a TTY (and not --quiet/--json). */
export function bulkProgress(ctx: CliContext, verb: string, total: number): BulkProgress {
  const active = ctx.stderr.isTTY === true && !ctx.options.quiet && !ctx.options.json;
  const busy = new Set<string>();
  let finished = 0;
  const t0 = Date.now();
  let drawn = false;
  const draw = (): void => {
    if (!active) return;
    const names = [...busy].slice(0, 3).join(', ') + (busy.size > 3 ? ', ...' : '');
    const waited = Math.floor((Date.now() - t0) / 1000);
    ctx.stderr.write(
      `\r\x1b[K${verb}: ${finished}/${total} done${busy.size > 0 ? `; waiting for ${names}` : ''} (${waited}s)`,
    );
    drawn = true;
  };
  const timer = active ? setInterval(draw, 1000) : undefined;
  timer?.unref();
  return {
    started: (name) => {
      busy.add(name);
      draw();
    },
    finished: (name) => {
      busy.delete(name);
      finished += 1;
      draw();
    },
    done: () => {
      clearInterval(timer);
      if (drawn) ctx.stderr.write('\r\x1b[K');
      drawn = false;
    },
  };
}
