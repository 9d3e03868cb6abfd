// The SSH transport, loaded on first open: ssh2 costs ~60 ms to import, which every local command
// (hv ls on the Unix socket) would otherwise pay at start-up.
import type { Duplex } from 'node:stream';
import type { Transport } from './transport.js';
import type { SshTransportOptions } from './ssh-transport.js';
import { hostPort } from './tcp-transport.js';

/** A Transport that imports ssh2 and builds the real SshTransport only when opened. */
export class LazySshTransport implements Transport {
  readonly description: string;
  readonly #options: SshTransportOptions;

  constructor(options: SshTransportOptions) {
    this.#options = options;
    this.description = `ssh:${options.user}@${hostPort(options.host ?? 'localhost', options.port ?? 22)}`;
  }

  async open(signal?: AbortSignal): Promise<Duplex> {
    const { SshTransport } = await import('./ssh-transport.js');
    return new SshTransport(this.#options).open(signal);
  }
}
