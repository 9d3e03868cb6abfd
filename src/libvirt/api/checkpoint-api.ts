// Why: the typed face of libvirt's domain-checkpoint procedures (the dirty-bitmap markers that make
// incremental backups possible), in libvirt's words.
import type { CallOptions, RpcCaller } from './rpc-caller.js';
import type { RemoteDomainCheckpoint } from '../protocol/remote-types.js';
import type { DomainRef } from '../procedures/domain-types.js';
import * as c from '../procedures/checkpoint-procedures.js';

/** remote_nonnull_domain_checkpoint: `{name, dom}`. */
export type CheckpointRef = RemoteDomainCheckpoint;

/** Typed wrapper over the checkpoint procedures of one connection. */
export class CheckpointApi {
  readonly #c: RpcCaller;

  constructor(caller: RpcCaller) {
    this.#c = caller;
  }

  /** DOMAIN_CHECKPOINT_CREATE_XML from `<domaincheckpoint>` XML; flags REDEFINE=1, QUIESCE=2. */
  async createXml(dom: DomainRef, xml: string, flags = 0, opts?: CallOptions): Promise<CheckpointRef> {
    return (await this.#c.call(c.domainCheckpointCreateXml, { dom, xmlDesc: xml, flags }, opts)).checkpoint;
  }

  /** DOMAIN_LIST_ALL_CHECKPOINTS: flags ROOTS=1, TOPOLOGICAL=2, LEAVES=4, NO_LEAVES=8. */
  async listAll(dom: DomainRef, flags = 0, opts?: CallOptions): Promise<CheckpointRef[]> {
    return (await this.#c.call(c.domainListAllCheckpoints, { dom, needResults: 1, flags }, opts)).checkpoints;
  }

  /** DOMAIN_CHECKPOINT_LIST_ALL_CHILDREN (flags DESCENDANTS=1 for the whole subtree). */
  async listAllChildren(checkpoint: CheckpointRef, flags = 0, opts?: CallOptions): Promise<CheckpointRef[]> {
    const r = await this.#c.call(
      c.domainCheckpointListAllChildren,
      { checkpoint, needResults: 1, flags },
      opts,
    );
    return r.checkpoints;
  }

  /** DOMAIN_CHECKPOINT_GET_XML_DESC: the `<domaincheckpoint>` XML; flags SECURE=1, NO_DOMAIN=2, SIZE=4. */
  async getXmlDesc(checkpoint: CheckpointRef, flags = 0, opts?: CallOptions): Promise<string> {
    return (await this.#c.call(c.domainCheckpointGetXmlDesc, { checkpoint, flags }, opts)).xml;
  }

  /** DOMAIN_CHECKPOINT_LOOKUP_BY_NAME (isNoDomainCheckpoint when absent). */
  async lookupByName(dom: DomainRef, name: string, flags = 0, opts?: CallOptions): Promise<CheckpointRef> {
    return (await this.#c.call(c.domainCheckpointLookupByName, { dom, name, flags }, opts)).checkpoint;
  }

  /** DOMAIN_CHECKPOINT_GET_PARENT (isNoDomainCheckpoint for the oldest). */
  async getParent(checkpoint: CheckpointRef, flags = 0, opts?: CallOptions): Promise<CheckpointRef> {
    return (await this.#c.call(c.domainCheckpointGetParent, { checkpoint, flags }, opts)).parent;
  }

  /** DOMAIN_CHECKPOINT_DELETE: flags CHILDREN=1, METADATA_ONLY=2, CHILDREN_ONLY=4. */
  async delete(checkpoint: CheckpointRef, flags = 0, opts?: CallOptions): Promise<void> {
    await this.#c.call(c.domainCheckpointDelete, { checkpoint, flags }, opts);
  }
}
