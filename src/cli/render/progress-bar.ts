// The download progress line on a terminal: bytes, percent, a bar, rate and ETA, redrawn in place at
// most ten times a second. Only used when stderr is a TTY and neither --quiet nor --json is given.
import { formatSize } from '../../core/validate/format-size.js';

/** What the bar shows. */
export interface ProgressSample {
  readonly received: number;
  readonly total: number | undefined;
  readonly resumedFrom: number;
}

function clock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const mmss = `${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

/** One progress line (no terminal codes), e.g. `debian-12  120M/330M  36% [=======       ]  55M/s  ETA 00:04`. */
export function renderProgressLine(label: string, p: ProgressSample, elapsedS: number, width = 80): string {
  const rate = elapsedS > 0 ? (p.received - p.resumedFrom) / elapsedS : 0;
  const sizes = `${formatSize(p.received)}/${p.total === undefined ? '?' : formatSize(p.total)}`;
  const pct =
    p.total !== undefined && p.total > 0
      ? Math.min(100, Math.floor((p.received / p.total) * 100))
      : undefined;
  const eta =
    pct !== undefined && rate > 0 && p.total !== undefined ? clock((p.total - p.received) / rate) : '--:--';
  const tail = `  ${pct === undefined ? '' : `${String(pct).padStart(3)}% `}${formatSize(rate)}/s  ETA ${eta}`;
  const head = `${label}  ${sizes}`;
  const barWidth = Math.max(0, Math.min(30, width - head.length - tail.length - 4));
  const filled = pct === undefined ? 0 : Math.round((barWidth * pct) / 100);
  const bar =
    barWidth >= 5 && pct !== undefined ? `  [${'='.repeat(filled)}${' '.repeat(barWidth - filled)}]` : '';
  return `${head}${bar}${tail}`;
}

/** A bar drawn on `stream` (a TTY). */
export class ProgressBar {
  readonly #stream: NodeJS.WritableStream & { columns?: number };
  readonly #started = performance.now();
  #last = 0;
  #drawn = false;

  constructor(stream: NodeJS.WritableStream & { columns?: number }) {
    this.#stream = stream;
  }

  /** Redraw (throttled to 10 per second unless `force`). */
  update(label: string, p: ProgressSample, force = false): void {
    const now = performance.now();
    if (!force && now - this.#last < 100) return;
    this.#last = now;
    const line = renderProgressLine(label, p, (now - this.#started) / 1000, this.#stream.columns ?? 80);
    this.#stream.write(`\r${line}\x1b[K`);
    this.#drawn = true;
  }

  /** End the line so later output starts on a fresh one. */
  done(): void {
    if (this.#drawn) this.#stream.write('\n');
    this.#drawn = false;
  }
}
