// Reads a byte stream (a console, a channel) as text and waits for a pattern in what has arrived,
// without sleeps: it resolves on the data event that completes the match.
import type { Readable } from 'node:stream';

/** Accumulates everything a stream sends; `waitFor` resolves when the text matches. */
export class StreamText {
  #text = '';
  readonly #waiters = new Set<() => void>();
  #ended: Error | undefined;

  constructor(stream: Readable) {
    stream.on('data', (chunk: Buffer) => {
      this.#text += chunk.toString('utf8');
      for (const w of [...this.#waiters]) w();
    });
    const end = (err?: Error): void => {
      this.#ended = err ?? new Error('stream ended');
      for (const w of [...this.#waiters]) w();
    };
    stream.on('end', () => {
      end();
    });
    stream.on('error', (err: Error) => {
      end(err);
    });
  }

  /** Everything received so far. */
  get text(): string {
    return this.#text;
  }

  /**
   * Resolve with the first match of `pattern` in the text received after offset `from` (default 0);
   * reject after `timeoutMs` quoting the tail of the text, or when the stream ends first.
   */
  waitFor(pattern: RegExp, timeoutMs: number, from = 0): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const m = pattern.exec(this.#text.slice(from));
        if (m !== null) {
          done();
          resolve(m);
        } else if (this.#ended !== undefined) {
          done();
          reject(
            new Error(`${this.#ended.message} before ${String(pattern)}; got: ${this.#text.slice(-500)}`),
          );
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no ${String(pattern)} within ${timeoutMs} ms; got: ${this.#text.slice(-500)}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(check);
      };
      this.#waiters.add(check);
      check();
    });
  }
}
