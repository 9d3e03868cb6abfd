// Why: the typed face of libvirt's virtual-network procedures, in libvirt's words, including the
// live `update` (which hides an old wire-order bug) and DHCP leases with friendly optional fields.
import type { CallOptions, RpcCaller } from './rpc-caller.js';
import type { RemoteNetwork } from '../protocol/remote-types.js';
import * as n from '../procedures/network-procedures.js';
import { connectSupportsFeature } from '../procedures/connect-procedures.js';
import { parseUuid } from '../procedures/domain-types.js';

/** remote_nonnull_network: a network as the protocol names it. */
export type NetworkRef = RemoteNetwork;

/** virNetworkDHCPLease. */
export interface NetworkDhcpLease {
  /** Host bridge the lease was handed out on, e.g. `virbr0`. */
  readonly iface: string;
  /** When the lease ends, in seconds since the epoch (0 = never). */
  readonly expiryTime: bigint;
  /** virIPAddrType: 0 IPv4, 1 IPv6. */
  readonly type: number;
  readonly mac: string | undefined;
  /** IPv6 identity association id. */
  readonly iaid: string | undefined;
  readonly ipaddr: string;
  readonly prefix: number;
  readonly hostname: string | undefined;
  readonly clientid: string | undefined;
}

/** What to change with {@link NetworkApi.update}. */
export interface NetworkUpdateOptions {
  /** Index of the parent element for sections under `<ip>` (-1 = first/any). Default -1. */
  readonly parentIndex?: number;
  /** VIR_NETWORK_UPDATE_AFFECT_*: CURRENT=0, LIVE=1, CONFIG=2. Default 0. */
  readonly flags?: number;
}

/** VIR_DRV_FEATURE_NETWORK_UPDATE_HAS_CORRECT_ORDER (libvirt_internal.h). */
const FEATURE_NETWORK_UPDATE_HAS_CORRECT_ORDER = 16;

/** Typed wrapper over the network procedures of one connection. */
export class NetworkApi {
  readonly #c: RpcCaller;
  #correctUpdateOrder: Promise<boolean> | undefined;

  constructor(caller: RpcCaller) {
    this.#c = caller;
    // Another daemon may answer after a reconnect: ask about its update order again.
    caller.onReconnect?.(() => {
      this.#correctUpdateOrder = undefined;
    });
  }

  /** CONNECT_LIST_ALL_NETWORKS: networks matching `flags` (VIR_CONNECT_LIST_NETWORKS_*; 0 = all). */
  async listAll(flags = 0, opts?: CallOptions): Promise<NetworkRef[]> {
    return (await this.#c.call(n.connectListAllNetworks, { needResults: 1, flags }, opts)).nets;
  }

  /** NETWORK_LOOKUP_BY_NAME (isNoNetwork when absent). */
  async lookupByName(name: string, opts?: CallOptions): Promise<NetworkRef> {
    return (await this.#c.call(n.networkLookupByName, { name }, opts)).net;
  }

  /** NETWORK_LOOKUP_BY_UUID: `uuid` as 16 bytes or the 8-4-4-4-12 string. */
  async lookupByUuid(uuid: Buffer | string, opts?: CallOptions): Promise<NetworkRef> {
    const bytes = typeof uuid === 'string' ? parseUuid(uuid) : uuid;
    return (await this.#c.call(n.networkLookupByUuid, { uuid: bytes }, opts)).net;
  }

  /** NETWORK_DEFINE_XML: define a persistent (inactive) network. */
  async defineXml(xml: string, opts?: CallOptions): Promise<NetworkRef> {
    return (await this.#c.call(n.networkDefineXml, { xml }, opts)).net;
  }

  /** NETWORK_CREATE_XML: create and start a transient network. */
  async createXml(xml: string, opts?: CallOptions): Promise<NetworkRef> {
    return (await this.#c.call(n.networkCreateXml, { xml }, opts)).net;
  }

  /** NETWORK_CREATE: start a defined network (bridge, dnsmasq, firewall rules). */
  async create(net: NetworkRef, opts?: CallOptions): Promise<void> {
    await this.#c.call(n.networkCreate, { net }, opts);
  }

  /** NETWORK_DESTROY: stop the network. */
  async destroy(net: NetworkRef, opts?: CallOptions): Promise<void> {
    await this.#c.call(n.networkDestroy, { net }, opts);
  }

  /** NETWORK_UNDEFINE: forget a persistent network's configuration. */
  async undefine(net: NetworkRef, opts?: CallOptions): Promise<void> {
    await this.#c.call(n.networkUndefine, { net }, opts);
  }

  /** NETWORK_GET_XML_DESC: the `<network>` XML; flags INACTIVE=1. */
  async getXmlDesc(net: NetworkRef, flags = 0, opts?: CallOptions): Promise<string> {
    return (await this.#c.call(n.networkGetXmlDesc, { net, flags }, opts)).xml;
  }

  /** NETWORK_GET_BRIDGE_NAME: the host bridge device, e.g. `virbr0`. */
  async getBridgeName(net: NetworkRef, opts?: CallOptions): Promise<string> {
    return (await this.#c.call(n.networkGetBridgeName, { net }, opts)).name;
  }

  /** NETWORK_GET_AUTOSTART. */
  async getAutostart(net: NetworkRef, opts?: CallOptions): Promise<boolean> {
    return (await this.#c.call(n.networkGetAutostart, { net }, opts)).autostart !== 0;
  }

  /** NETWORK_SET_AUTOSTART (persistent networks only). */
  async setAutostart(net: NetworkRef, autostart: boolean, opts?: CallOptions): Promise<void> {
    await this.#c.call(n.networkSetAutostart, { net, autostart: autostart ? 1 : 0 }, opts);
  }

  /** NETWORK_IS_ACTIVE. */
  async isActive(net: NetworkRef, opts?: CallOptions): Promise<boolean> {
    return (await this.#c.call(n.networkIsActive, { net }, opts)).active !== 0;
  }

  /** NETWORK_IS_PERSISTENT. */
  async isPersistent(net: NetworkRef, opts?: CallOptions): Promise<boolean> {
    return (await this.#c.call(n.networkIsPersistent, { net }, opts)).persistent !== 0;
  }

  /**
   * NETWORK_UPDATE: apply one `command` (VIR_NETWORK_UPDATE_COMMAND_*: MODIFY=1, DELETE=2,
   * ADD_LAST=3, ADD_FIRST=4) to one `section` (VIR_NETWORK_SECTION_*, e.g. IP_DHCP_HOST=4) with an
   * XML fragment. Daemons that predate the wire-order fix get command and section swapped, as they
   * expect (asked once per connection through CONNECT_SUPPORTS_FEATURE).
   */
  async update(
    net: NetworkRef,
    command: number,
    section: number,
    xml: string,
    options: NetworkUpdateOptions = {},
    opts?: CallOptions,
  ): Promise<void> {
    const correct = await this.#hasCorrectUpdateOrder(opts);
    const args = {
      net,
      command: correct ? command : section,
      section: correct ? section : command,
      parentIndex: options.parentIndex ?? -1,
      xml,
      flags: options.flags ?? 0,
    };
    await this.#c.call(n.networkUpdate, args, opts);
  }

  /** NETWORK_GET_DHCP_LEASES: current leases, all or only those of `mac`. */
  async getDhcpLeases(
    net: NetworkRef,
    mac?: string,
    flags = 0,
    opts?: CallOptions,
  ): Promise<NetworkDhcpLease[]> {
    const r = await this.#c.call(
      n.networkGetDhcpLeases,
      { net, mac: mac ?? null, needResults: 1, flags },
      opts,
    );
    return r.leases.map(toLease);
  }

  #hasCorrectUpdateOrder(opts?: CallOptions): Promise<boolean> {
    if (this.#correctUpdateOrder === undefined) {
      const asked = this.#c
        .call(connectSupportsFeature, { feature: FEATURE_NETWORK_UPDATE_HAS_CORRECT_ORDER }, opts)
        .then((r) => r.supported !== 0);
      this.#correctUpdateOrder = asked;
      asked.catch(() => {
        if (this.#correctUpdateOrder === asked) this.#correctUpdateOrder = undefined;
      });
    }
    return this.#correctUpdateOrder;
  }
}

/** The friendly view of a wire lease (null optional strings become undefined). */
function toLease(l: n.NetworkDhcpLeaseWire): NetworkDhcpLease {
  return {
    iface: l.iface,
    expiryTime: l.expirytime,
    type: l.type,
    mac: l.mac ?? undefined,
    iaid: l.iaid ?? undefined,
    ipaddr: l.ipaddr,
    prefix: l.prefix,
    hostname: l.hostname ?? undefined,
    clientid: l.clientid ?? undefined,
  };
}
