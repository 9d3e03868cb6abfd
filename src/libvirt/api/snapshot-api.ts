// Why: the typed face of libvirt's domain-snapshot procedures, in libvirt's words: create, list (also
// a snapshot's children), inspect, find, navigate to current/parent, revert, delete.
import type { CallOptions, RpcCaller } from './rpc-caller.js';
import type { RemoteDomainSnapshot } from '../protocol/remote-types.js';
import type { DomainRef } from '../procedures/domain-types.js';
import * as s from '../procedures/snapshot-procedures.js';

/** remote_nonnull_domain_snapshot: `{name, dom}`. */
export type SnapshotRef = RemoteDomainSnapshot;

/** Typed wrapper over the snapshot procedures of one connection. */
export class SnapshotApi {
  readonly #c: RpcCaller;

  constructor(caller: RpcCaller) {
    this.#c = caller;
  }

  /**
   * DOMAIN_SNAPSHOT_CREATE_XML from `<domainsnapshot>` XML (`<domainsnapshot/>` = defaults). Flags
   * VIR_DOMAIN_SNAPSHOT_CREATE_*: DISK_ONLY=16, ATOMIC=128, NO_METADATA=4, QUIESCE=64, LIVE=256...
   */
  async createXml(dom: DomainRef, xml: string, flags = 0, opts?: CallOptions): Promise<SnapshotRef> {
    return (await this.#c.call(s.domainSnapshotCreateXml, { dom, xmlDesc: xml, flags }, opts)).snap;
  }

  /** DOMAIN_LIST_ALL_SNAPSHOTS: flags VIR_DOMAIN_SNAPSHOT_LIST_* (ROOTS=1, LEAVES=4, INTERNAL=256...). */
  async listAll(dom: DomainRef, flags = 0, opts?: CallOptions): Promise<SnapshotRef[]> {
    return (await this.#c.call(s.domainListAllSnapshots, { dom, needResults: 1, flags }, opts)).snapshots;
  }

  /** DOMAIN_SNAPSHOT_LIST_ALL_CHILDREN: direct children (flags DESCENDANTS=1 for the whole subtree). */
  async listAllChildren(snap: SnapshotRef, flags = 0, opts?: CallOptions): Promise<SnapshotRef[]> {
    const r = await this.#c.call(
      s.domainSnapshotListAllChildren,
      { snapshot: snap, needResults: 1, flags },
      opts,
    );
    return r.snapshots;
  }

  /** DOMAIN_SNAPSHOT_GET_XML_DESC: the `<domainsnapshot>` XML; flags SECURE=1. */
  async getXmlDesc(snap: SnapshotRef, flags = 0, opts?: CallOptions): Promise<string> {
    return (await this.#c.call(s.domainSnapshotGetXmlDesc, { snap, flags }, opts)).xml;
  }

  /** DOMAIN_SNAPSHOT_LOOKUP_BY_NAME (isNoDomainSnapshot when absent). */
  async lookupByName(dom: DomainRef, name: string, flags = 0, opts?: CallOptions): Promise<SnapshotRef> {
    return (await this.#c.call(s.domainSnapshotLookupByName, { dom, name, flags }, opts)).snap;
  }

  /** DOMAIN_SNAPSHOT_CURRENT: the snapshot the domain last reverted to or created. */
  async current(dom: DomainRef, flags = 0, opts?: CallOptions): Promise<SnapshotRef> {
    return (await this.#c.call(s.domainSnapshotCurrent, { dom, flags }, opts)).snap;
  }

  /** DOMAIN_HAS_CURRENT_SNAPSHOT. */
  async hasCurrentSnapshot(dom: DomainRef, flags = 0, opts?: CallOptions): Promise<boolean> {
    return (await this.#c.call(s.domainHasCurrentSnapshot, { dom, flags }, opts)).result !== 0;
  }

  /** DOMAIN_SNAPSHOT_IS_CURRENT. */
  async isCurrent(snap: SnapshotRef, flags = 0, opts?: CallOptions): Promise<boolean> {
    return (await this.#c.call(s.domainSnapshotIsCurrent, { snap, flags }, opts)).current !== 0;
  }

  /** DOMAIN_SNAPSHOT_HAS_METADATA: whether libvirt keeps metadata for it (undefine needs care then). */
  async hasMetadata(snap: SnapshotRef, flags = 0, opts?: CallOptions): Promise<boolean> {
    return (await this.#c.call(s.domainSnapshotHasMetadata, { snap, flags }, opts)).metadata !== 0;
  }

  /** DOMAIN_SNAPSHOT_GET_PARENT (isNoDomainSnapshot for a root snapshot). */
  async getParent(snap: SnapshotRef, flags = 0, opts?: CallOptions): Promise<SnapshotRef> {
    return (await this.#c.call(s.domainSnapshotGetParent, { snap, flags }, opts)).snap;
  }

  /** DOMAIN_REVERT_TO_SNAPSHOT: flags RUNNING=1, PAUSED=2, FORCE=4, RESET_NVRAM=8. */
  async revert(snap: SnapshotRef, flags = 0, opts?: CallOptions): Promise<void> {
    await this.#c.call(s.domainRevertToSnapshot, { snap, flags }, opts);
  }

  /** DOMAIN_SNAPSHOT_DELETE: flags CHILDREN=1, METADATA_ONLY=2, CHILDREN_ONLY=4. */
  async delete(snap: SnapshotRef, flags = 0, opts?: CallOptions): Promise<void> {
    await this.#c.call(s.domainSnapshotDelete, { snap, flags }, opts);
  }
}
