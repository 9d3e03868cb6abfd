// Why: the first questions a client asks a daemon (which hypervisor, versions, host name, URI,
// capabilities, supported features), in libvirt's words, with versions decoded to numbers.
import type { CallOptions, RpcCaller } from './rpc-caller.js';
import * as p from '../procedures/connect-procedures.js';

/** Split libvirt's packed version number (major*1e6 + minor*1e3 + micro) into its parts. */
export function decodeVersion(v: bigint): { major: number; minor: number; micro: number; text: string } {
  const n = Number(v);
  const major = Math.floor(n / 1_000_000);
  const minor = Math.floor((n % 1_000_000) / 1000);
  const micro = n % 1000;
  return { major, minor, micro, text: `${major}.${minor}.${micro}` };
}

/** Typed wrapper over the connection-level procedures. */
export class ConnectApi {
  readonly #c: RpcCaller;

  constructor(caller: RpcCaller) {
    this.#c = caller;
  }

  /** CONNECT_GET_TYPE: driver name, e.g. `QEMU` or `TEST`. */
  async getType(opts?: CallOptions): Promise<string> {
    return (await this.#c.call(p.connectGetType, undefined, opts)).type;
  }

  /** CONNECT_GET_VERSION: hypervisor version (packed; see decodeVersion). */
  async getVersion(opts?: CallOptions): Promise<bigint> {
    return (await this.#c.call(p.connectGetVersion, undefined, opts)).hvVer;
  }

  /** CONNECT_GET_LIB_VERSION: the daemon's libvirt version (packed; see decodeVersion). */
  async getLibVersion(opts?: CallOptions): Promise<bigint> {
    return (await this.#c.call(p.connectGetLibVersion, undefined, opts)).libVer;
  }

  /** CONNECT_GET_HOSTNAME. */
  async getHostname(opts?: CallOptions): Promise<string> {
    return (await this.#c.call(p.connectGetHostname, undefined, opts)).hostname;
  }

  /** CONNECT_GET_URI: the canonical URI the daemon opened (e.g. qemu:///system). */
  async getUri(opts?: CallOptions): Promise<string> {
    return (await this.#c.call(p.connectGetUri, undefined, opts)).uri;
  }

  /** CONNECT_GET_CAPABILITIES: the host capabilities XML. */
  async getCapabilities(opts?: CallOptions): Promise<string> {
    return (await this.#c.call(p.connectGetCapabilities, undefined, opts)).capabilities;
  }

  /** CONNECT_GET_DOMAIN_CAPABILITIES: what a domain of this emulator/arch/machine/virttype may use. */
  async getDomainCapabilities(
    q: { emulatorbin?: string; arch?: string; machine?: string; virttype?: string } = {},
    flags = 0,
    opts?: CallOptions,
  ): Promise<string> {
    const r = await this.#c.call(
      p.connectGetDomainCapabilities,
      {
        emulatorbin: q.emulatorbin ?? null,
        arch: q.arch ?? null,
        machine: q.machine ?? null,
        virttype: q.virttype ?? null,
        flags,
      },
      opts,
    );
    return r.capabilities;
  }

  /** CONNECT_SUPPORTS_FEATURE (VIR_DRV_FEATURE_*). */
  async supportsFeature(feature: number, opts?: CallOptions): Promise<boolean> {
    return (await this.#c.call(p.connectSupportsFeature, { feature }, opts)).supported !== 0;
  }
}
