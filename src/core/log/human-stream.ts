// Turns pino's JSON lines into the short lines a person reads on stderr: `hv: warning: message`.
// Structured fields stay in the log file; the terminal gets the message and an error code if any.
import type { Writable } from 'node:stream';

const LABELS: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warning',
  50: 'error',
  60: 'fatal',
};

interface Record_ {
  level?: number;
  msg?: string;
  code?: string;
}

/** A pino destination that writes `hv: <level>: <msg> [code]` lines to `out`. */
export function humanStream(out: Pick<Writable, 'write'>): { write(line: string): void } {
  return {
    write(line: string): void {
      let rec: Record_;
      try {
        rec = JSON.parse(line) as Record_;
      } catch {
        out.write(line);
        return;
      }
      const label = LABELS[rec.level ?? 30] ?? 'log';
      const code = typeof rec.code === 'string' ? ` [${rec.code}]` : '';
      out.write(`hv: ${label}: ${rec.msg ?? ''}${code}\n`);
    },
  };
}
