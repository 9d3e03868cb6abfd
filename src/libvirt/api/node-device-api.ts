// Why: the typed face of libvirt's node-device procedures: list and inspect host devices, and hand a
// PCI device to a passthrough driver (vfio) and back. Devices are named by string (`pci_0000_00_1f_2`).
import type { CallOptions, RpcCaller } from './rpc-caller.js';
import type { RemoteNodeDevice } from '../protocol/remote-types.js';
import * as d from '../procedures/nodedev-procedures.js';

/** remote_nonnull_node_device: `{name}`. */
export type NodeDeviceRef = RemoteNodeDevice;

/** A device, or its name. */
type DeviceArg = NodeDeviceRef | string;

function nameOf(dev: DeviceArg): string {
  return typeof dev === 'string' ? dev : dev.name;
}

/** Typed wrapper over the node-device procedures of one connection. */
export class NodeDeviceApi {
  readonly #c: RpcCaller;

  constructor(caller: RpcCaller) {
    this.#c = caller;
  }

  /** CONNECT_LIST_ALL_NODE_DEVICES: devices matching `flags` (VIR_CONNECT_LIST_NODE_DEVICES_CAP_*; 0 = all). */
  async listAll(flags = 0, opts?: CallOptions): Promise<NodeDeviceRef[]> {
    return (await this.#c.call(d.connectListAllNodeDevices, { needResults: 1, flags }, opts)).devices;
  }

  /** NODE_DEVICE_LOOKUP_BY_NAME (isNoNodeDevice when absent). */
  async lookupByName(name: string, opts?: CallOptions): Promise<NodeDeviceRef> {
    return (await this.#c.call(d.nodeDeviceLookupByName, { name }, opts)).dev;
  }

  /** NODE_DEVICE_GET_XML_DESC: the `<device>` XML; flags INACTIVE=1. */
  async getXmlDesc(dev: DeviceArg, flags = 0, opts?: CallOptions): Promise<string> {
    return (await this.#c.call(d.nodeDeviceGetXmlDesc, { name: nameOf(dev), flags }, opts)).xml;
  }

  /** NODE_DEVICE_GET_PARENT: the parent device's name (undefined for the root `computer`). */
  async getParent(dev: DeviceArg, opts?: CallOptions): Promise<string | undefined> {
    return (await this.#c.call(d.nodeDeviceGetParent, { name: nameOf(dev) }, opts)).parentName ?? undefined;
  }

  /** NODE_DEVICE_NUM_OF_CAPS + NODE_DEVICE_LIST_CAPS: capability names, e.g. `pci`, `net`. */
  async listCaps(dev: DeviceArg, opts?: CallOptions): Promise<string[]> {
    const name = nameOf(dev);
    const { num } = await this.#c.call(d.nodeDeviceNumOfCaps, { name }, opts);
    if (num <= 0) return [];
    return (await this.#c.call(d.nodeDeviceListCaps, { name, maxnames: num }, opts)).names;
  }

  /**
   * NODE_DEVICE_DETACH_FLAGS: unbind a PCI device from its host driver and bind it to `driverName`
   * (e.g. `vfio`; undefined = the hypervisor's default) for passthrough.
   */
  async detachFlags(dev: DeviceArg, driverName?: string, flags = 0, opts?: CallOptions): Promise<void> {
    await this.#c.call(
      d.nodeDeviceDetachFlags,
      { name: nameOf(dev), driverName: driverName ?? null, flags },
      opts,
    );
  }

  /** NODE_DEVICE_RE_ATTACH: give a detached device back to its host driver. */
  async reAttach(dev: DeviceArg, opts?: CallOptions): Promise<void> {
    await this.#c.call(d.nodeDeviceReAttach, { name: nameOf(dev) }, opts);
  }

  /** NODE_DEVICE_RESET: function-level / bus reset of a PCI device not in use by the host. */
  async reset(dev: DeviceArg, opts?: CallOptions): Promise<void> {
    await this.#c.call(d.nodeDeviceReset, { name: nameOf(dev) }, opts);
  }
}
