// Why: the RPC layer only needs "a connected byte stream" and must not care whether it came from a Unix
// socket, TCP, TLS or an SSH channel. Every transport implements this one small interface.
import type { Duplex } from 'node:stream';

/** Something that can open a fresh byte stream to a libvirt daemon (called again on each reconnect). */
export interface Transport {
  /** Human-readable target for messages and logs, e.g. `unix:/run/libvirt/libvirt-sock`. */
  readonly description: string;
  /**
   * Open a new connection. Resolves with a connected Duplex (net.Socket, tls.TLSSocket, ssh2 channel...).
   * Rejects with LibvirtUnavailableError when the daemon cannot be reached, LibvirtAbortError on abort.
   */
  open(signal?: AbortSignal): Promise<Duplex>;
}
