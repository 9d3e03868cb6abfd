// Why: the typed face of libvirt's network-filter procedures: the filters (named rule sets) and the
// bindings that attach a filter to one guest port, in libvirt's words.
import type { CallOptions, RpcCaller } from './rpc-caller.js';
import type { RemoteNwfilter, RemoteNwfilterBinding } from '../protocol/remote-types.js';
import * as f from '../procedures/nwfilter-procedures.js';
import { parseUuid } from '../procedures/domain-types.js';

/** remote_nonnull_nwfilter: a filter as the protocol names it. */
export type NwfilterRef = RemoteNwfilter;
/** remote_nonnull_nwfilter_binding: `portdev` (host-side tap, e.g. vnet0) and `filtername`. */
export type NwfilterBindingRef = RemoteNwfilterBinding;

/** Typed wrapper over the nwfilter procedures of one connection. */
export class NwfilterApi {
  readonly #c: RpcCaller;

  constructor(caller: RpcCaller) {
    this.#c = caller;
  }

  /** CONNECT_LIST_ALL_NWFILTERS (no flags are defined; pass 0). */
  async listAll(flags = 0, opts?: CallOptions): Promise<NwfilterRef[]> {
    return (await this.#c.call(f.connectListAllNwfilters, { needResults: 1, flags }, opts)).filters;
  }

  /** NWFILTER_LOOKUP_BY_NAME (isNoNwfilter when absent). */
  async lookupByName(name: string, opts?: CallOptions): Promise<NwfilterRef> {
    return (await this.#c.call(f.nwfilterLookupByName, { name }, opts)).nwfilter;
  }

  /** NWFILTER_LOOKUP_BY_UUID: `uuid` as 16 bytes or the 8-4-4-4-12 string. */
  async lookupByUuid(uuid: Buffer | string, opts?: CallOptions): Promise<NwfilterRef> {
    const bytes = typeof uuid === 'string' ? parseUuid(uuid) : uuid;
    return (await this.#c.call(f.nwfilterLookupByUuid, { uuid: bytes }, opts)).nwfilter;
  }

  /** NWFILTER_DEFINE_XML: define (or replace) a `<filter>`. */
  async defineXml(xml: string, opts?: CallOptions): Promise<NwfilterRef> {
    return (await this.#c.call(f.nwfilterDefineXml, { xml }, opts)).nwfilter;
  }

  /** NWFILTER_UNDEFINE (refused while a binding or another filter uses it). */
  async undefine(nwfilter: NwfilterRef, opts?: CallOptions): Promise<void> {
    await this.#c.call(f.nwfilterUndefine, { nwfilter }, opts);
  }

  /** NWFILTER_GET_XML_DESC: the `<filter>` XML. */
  async getXmlDesc(nwfilter: NwfilterRef, flags = 0, opts?: CallOptions): Promise<string> {
    return (await this.#c.call(f.nwfilterGetXmlDesc, { nwfilter, flags }, opts)).xml;
  }

  /** CONNECT_LIST_ALL_NWFILTER_BINDINGS. */
  async listAllBindings(flags = 0, opts?: CallOptions): Promise<NwfilterBindingRef[]> {
    return (await this.#c.call(f.connectListAllNwfilterBindings, { needResults: 1, flags }, opts)).bindings;
  }

  /** NWFILTER_BINDING_LOOKUP_BY_PORT_DEV: the binding of host port `portdev` (isNoNwfilterBinding). */
  async lookupBindingByPortDev(portdev: string, opts?: CallOptions): Promise<NwfilterBindingRef> {
    return (await this.#c.call(f.nwfilterBindingLookupByPortDev, { name: portdev }, opts)).nwfilter;
  }

  /** NWFILTER_BINDING_CREATE_XML: apply a filter to a port from `<filterbinding>` XML; flags VALIDATE=1. */
  async createBindingXml(xml: string, flags = 0, opts?: CallOptions): Promise<NwfilterBindingRef> {
    return (await this.#c.call(f.nwfilterBindingCreateXml, { xml, flags }, opts)).nwfilter;
  }

  /** NWFILTER_BINDING_DELETE: remove the filter rules from the port. */
  async deleteBinding(binding: NwfilterBindingRef, opts?: CallOptions): Promise<void> {
    await this.#c.call(f.nwfilterBindingDelete, { nwfilter: binding }, opts);
  }

  /** NWFILTER_BINDING_GET_XML_DESC: the `<filterbinding>` XML. */
  async getBindingXmlDesc(binding: NwfilterBindingRef, flags = 0, opts?: CallOptions): Promise<string> {
    return (await this.#c.call(f.nwfilterBindingGetXmlDesc, { nwfilter: binding, flags }, opts)).xml;
  }
}
