// Why: the RPC stream over SSH is the stdio of a remote helper process. When that helper fails
// (virt-ssh-helper missing, daemon socket absent) the channel just closes, and the reason is only on
// its stderr and in its exit status, which may arrive after the EOF. This Duplex forwards the bytes
// and holds the end of stream back until the channel has closed, so a failed helper surfaces as an
// error carrying its stderr, not as a bare "connection closed".
import { Duplex } from 'node:stream';
import type { ClientChannel } from 'ssh2';
import { LibvirtUnavailableError } from '../errors/index.js';

const STDERR_KEEP = 4096;

/** The stdio of a remote command as a Duplex; `onDone` runs once the channel is gone (end the SSH client). */
export class SshChannelStream extends Duplex {
  readonly #channel: ClientChannel;
  readonly #what: string;
  readonly #onDone: () => void;
  #stderr = '';
  #exit: { code: number | null; signal: string | undefined } | undefined;
  #done = false;

  constructor(channel: ClientChannel, what: string, onDone: () => void) {
    super({ allowHalfOpen: false });
    this.#channel = channel;
    this.#what = what;
    this.#onDone = onDone;
    channel.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) channel.pause();
    });
    channel.stderr.on('data', (chunk: Buffer) => {
      if (this.#stderr.length < STDERR_KEEP) this.#stderr += chunk.toString('utf8');
    });
    channel.on('exit', (code: number | null, signal?: string) => {
      this.#exit = { code, signal };
    });
    channel.on('close', () => {
      this.#finish();
    });
  }

  /** What the remote command wrote to stderr so far (at most 4 KiB). */
  get stderrText(): string {
    return this.#stderr.trim();
  }

  override _read(): void {
    this.#channel.resume();
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    if (this.#channel.write(chunk)) cb();
    else
      this.#channel.once('drain', () => {
        cb();
      });
  }

  override _final(cb: (err?: Error | null) => void): void {
    this.#channel.end();
    cb();
  }

  override _destroy(err: Error | null, cb: (err?: Error | null) => void): void {
    if (!this.#done) {
      this.#done = true;
      this.#channel.close();
      this.#onDone();
    }
    cb(err);
  }

  #finish(): void {
    if (this.#done) return;
    this.#done = true;
    this.#onDone();
    const exit = this.#exit;
    const failed = exit !== undefined && (exit.code !== 0 || exit.signal !== undefined);
    if (failed) {
      const status = exit.signal === undefined ? `exit status ${exit.code ?? '?'}` : `signal ${exit.signal}`;
      const stderr = this.stderrText === '' ? '' : `: ${this.stderrText}`;
      this.destroy(
        new LibvirtUnavailableError(`the remote libvirt proxy on ${this.#what} ended (${status})${stderr}`, {
          reason: 'closed',
        }),
      );
    } else {
      this.push(null);
    }
  }
}
