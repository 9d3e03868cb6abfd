// Transports whose modules are loaded on first open: ssh2 costs ~60 ms to import and node:tls ~7 ms,
// which every local command (hv ls on the Unix socket) would otherwise pay at start-up.
import type { Duplex } from 'node:stream';
import type { Transport } from './transport.js';
import type { SshTransportOptions } from './ssh-transport.js';
import type { TlsTransportOptions } from './tls-transport.js';
import { hostPort } from './tcp-transport.js';

/** libvirtd's TLS port. */
export const LIBVIRT_TLS_PORT = 16514;

/** A Transport that imports its implementation and builds it only when opened. */
export class LazyTransport implements Transport {
  readonly kind: 'tls' | 'ssh';
  readonly description: string;
  readonly #load: () => Promise<Transport>;

  private constructor(kind: 'tls' | 'ssh', description: string, load: () => Promise<Transport>) {
    this.kind = kind;
    this.description = description;
    this.#load = load;
  }

  /** TLS to libvirtd (tls-transport.ts). */
  static tls(options: TlsTransportOptions): LazyTransport {
    const where = hostPort(options.host ?? 'localhost', options.port ?? LIBVIRT_TLS_PORT);
    return new LazyTransport('tls', `tls:${where}`, async () => {
      const { TlsTransport } = await import('./tls-transport.js');
      return new TlsTransport(options);
    });
  }

  /** SSH to the host, then its libvirt socket (ssh-transport.ts). */
  static ssh(options: SshTransportOptions): LazyTransport {
    const where = hostPort(options.host ?? 'localhost', options.port ?? 22);
    return new LazyTransport('ssh', `ssh:${options.user}@${where}`, async () => {
      const { SshTransport } = await import('./ssh-transport.js');
      return new SshTransport(options);
    });
  }

  async open(signal?: AbortSignal): Promise<Duplex> {
    return (await this.#load()).open(signal);
  }
}
