// Why: one place that takes, lists, reverts and deletes snapshots the way hv promises: internal where
// libvirt can, external otherwise (decided from the domain XML), revert to external refused with the way
// out on libvirt < 9.7, memory files of deleted external snapshots removed, names checked, and policy
// snapshots tagged so retention can find its own. The CLI, the daemon and policies all call this.
import {
  DomainSnapshotCreateFlags,
  DomainSnapshotDeleteFlags,
  DomainSnapshotRevertFlags,
  DomainState,
  LibvirtError,
  type DomainRef,
  type LibvirtClient,
} from '../../libvirt/index.js';
import { ConflictError, HvError, ValidationError, VmError } from '../errors/index.js';
import { fromLibvirtError } from '../libvirt-errors.js';
import { validateName } from '../validate/validate-name.js';
import { domainSnapshotFacts } from './domain-snapshot-facts.js';
import { planSnapshot, type SnapshotPlan } from './plan-snapshot.js';
import { removeHostFile } from './remove-host-file.js';
import { composeDescription, validateDescription } from './snapshot-description.js';
import { defaultSnapshotName } from './snapshot-name.js';
import { parseSnapshotXml, snapshotXml, type SnapshotInfo } from './snapshot-xml.js';
import { buildSnapshotTree, type SnapshotTree } from './snapshot-tree.js';

/** `hv snapshot create` options. */
export interface CreateSnapshotOptions {
  /** Default `snap-YYYYmmdd-HHMMSS` (UTC, from `now`). */
  readonly name?: string | undefined;
  readonly description?: string | undefined;
  readonly diskOnly?: boolean | undefined;
  readonly noMemory?: boolean | undefined;
  readonly quiesce?: boolean | undefined;
  /** Tag the snapshot as made by this policy (policies only). */
  readonly policy?: string | undefined;
  readonly now?: Date | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** A snapshot just taken: how it was planned and what libvirt recorded. */
export interface CreatedSnapshot {
  readonly vm: string;
  readonly plan: SnapshotPlan;
  readonly snapshot: SnapshotInfo;
}

/** What a delete removed, and files it could not remove (remote host, no pool). */
export interface DeletedSnapshots {
  readonly vm: string;
  readonly deleted: readonly string[];
  readonly removedFiles: readonly string[];
  readonly leftFiles: readonly string[];
}

/** libvirt 9.7.0 as virConnectGetLibVersion encodes it: first release that reverts external snapshots. */
const EXTERNAL_REVERT_VERSION = 9_007_000n;
const ACTIVE_STATES: readonly number[] = [
  DomainState.RUNNING,
  DomainState.BLOCKED,
  DomainState.PAUSED,
  DomainState.SHUTDOWN,
  DomainState.PMSUSPENDED,
];

/** Snapshots of VMs on one libvirt connection. */
export class SnapshotService {
  readonly #client: LibvirtClient;

  constructor(client: LibvirtClient) {
    this.#client = client;
  }

  async #domain(vm: string): Promise<DomainRef> {
    validateName('vm', vm);
    try {
      return await this.#client.domains.lookupByName(vm);
    } catch (err) {
      throw fromLibvirtError(err, `VM ${vm}`);
    }
  }

  async #snapshot(
    dom: DomainRef,
    name: string,
  ): Promise<{ ref: { name: string; dom: DomainRef }; info: SnapshotInfo }> {
    try {
      const ref = await this.#client.snapshots.lookupByName(dom, name);
      return { ref, info: parseSnapshotXml(await this.#client.snapshots.getXmlDesc(ref)) };
    } catch (err) {
      if (err instanceof LibvirtError && err.isNoDomainSnapshot()) {
        throw new ValidationError(
          'snapshot',
          `VM ${dom.name} has no snapshot named ${name} (hv snapshot list ${dom.name})`,
          {
            details: { vm: dom.name, snapshot: name },
          },
        );
      }
      throw fromLibvirtError(err, `snapshot ${name} of VM ${dom.name}`);
    }
  }

  async #active(dom: DomainRef): Promise<boolean> {
    try {
      return ACTIVE_STATES.includes((await this.#client.domains.getState(dom)).state);
    } catch (err) {
      throw fromLibvirtError(err, `VM ${dom.name}`);
    }
  }

  /** Take a snapshot: internal where libvirt supports it, external otherwise (see plan-snapshot.ts). */
  async create(vm: string, opts: CreateSnapshotOptions = {}): Promise<CreatedSnapshot> {
    const dom = await this.#domain(vm);
    const name = validateName('snapshot name', opts.name ?? defaultSnapshotName(opts.now ?? new Date()));
    if (opts.description !== undefined) validateDescription('--description', opts.description);
    if (opts.policy !== undefined) validateName('policy', opts.policy);
    const exists = await this.#client.snapshots.lookupByName(dom, name).then(
      () => true,
      (err: unknown) => {
        if (err instanceof LibvirtError && err.isNoDomainSnapshot()) return false;
        throw fromLibvirtError(err, `VM ${vm}`);
      },
    );
    if (exists)
      throw new ConflictError(`VM ${vm} already has a snapshot named ${name}`, {
        details: { vm, snapshot: name },
      });
    try {
      const active = await this.#active(dom);
      const facts = domainSnapshotFacts(await this.#client.domains.getXmlDesc(dom));
      const plan = planSnapshot(facts, {
        name,
        active,
        ...(opts.diskOnly === true && { diskOnly: true }),
        ...(opts.noMemory === true && { noMemory: true }),
        ...(opts.quiesce === true && { quiesce: true }),
      });
      if (opts.quiesce === true) await this.#agentAnswers(dom);
      opts.signal?.throwIfAborted();
      const flags = plan.flags.reduce((f, k) => f | DomainSnapshotCreateFlags[k], 0);
      const xml = snapshotXml(name, plan, composeDescription(opts.description, opts.policy));
      const ref = await this.#client.snapshots.createXml(dom, xml, flags);
      return { vm, plan, snapshot: parseSnapshotXml(await this.#client.snapshots.getXmlDesc(ref)) };
    } catch (err) {
      throw fromLibvirtError(err, `snapshot ${name} of VM ${vm}`);
    }
  }

  async #agentAnswers(dom: DomainRef): Promise<void> {
    try {
      await this.#client.domains.agentCommand(dom, '{"execute":"guest-ping"}', 5);
    } catch (err) {
      throw new VmError(
        `VM ${dom.name}: --quiesce needs the QEMU guest agent, and it does not answer ` +
          '(is qemu-guest-agent installed and running in the guest?)',
        { code: 'VM_STATE_INVALID', cause: err, details: { vm: dom.name } },
      );
    }
  }

  /** Every snapshot of `vm` as a tree (parents before children, roots oldest first). */
  async list(vm: string): Promise<SnapshotTree> {
    const dom = await this.#domain(vm);
    try {
      const refs = await this.#client.snapshots.listAll(dom);
      const infos = await Promise.all(
        refs.map(async (r) => parseSnapshotXml(await this.#client.snapshots.getXmlDesc(r))),
      );
      const current = (await this.#client.snapshots.hasCurrentSnapshot(dom))
        ? (await this.#client.snapshots.current(dom)).name
        : undefined;
      return buildSnapshotTree(vm, infos, current);
    } catch (err) {
      throw fromLibvirtError(err, `snapshots of VM ${vm}`);
    }
  }

  /**
   * Revert to a snapshot. External snapshots are refused on libvirt before 9.7 (it cannot revert them),
   * naming the files the snapshot froze and the alternatives.
   */
  async revert(vm: string, name: string, opts: { start?: 'running' | 'paused' } = {}): Promise<SnapshotInfo> {
    const dom = await this.#domain(vm);
    const { ref, info } = await this.#snapshot(dom, name);
    if (
      info.kind === 'external' &&
      (await this.#client.connection.getLibVersion()) < EXTERNAL_REVERT_VERSION
    ) {
      const frozen = info.frozenFiles.length > 0 ? ` (${info.frozenFiles.join(', ')})` : '';
      throw new HvError(
        'NOT_SUPPORTED',
        `snapshot ${name} of VM ${vm} is external, and this libvirt (before 9.7) cannot revert to external ` +
          `snapshots. Instead: restore a backup (hv backup restore), or shut the VM off and point its disks ` +
          `back at the files the snapshot froze${frozen}; internal snapshots (qcow2 disks, BIOS firmware) can be reverted`,
        { details: { vm, snapshot: name, kind: 'external', frozenFiles: [...info.frozenFiles] } },
      );
    }
    const flags =
      opts.start === 'running'
        ? DomainSnapshotRevertFlags.RUNNING
        : opts.start === 'paused'
          ? DomainSnapshotRevertFlags.PAUSED
          : 0;
    try {
      await this.#client.snapshots.revert(ref, flags);
    } catch (err) {
      throw fromLibvirtError(err, `reverting VM ${vm} to snapshot ${name}`);
    }
    return info;
  }

  /**
   * Delete a snapshot (with `children`, its whole subtree). Memory files of external snapshots, which
   * libvirt leaves behind, are removed afterwards.
   */
  async delete(vm: string, name: string, opts: { children?: boolean } = {}): Promise<DeletedSnapshots> {
    const dom = await this.#domain(vm);
    const { ref, info } = await this.#snapshot(dom, name);
    let doomed: SnapshotInfo[] = [info];
    try {
      if (opts.children === true) {
        const kids = await this.#client.snapshots.listAllChildren(ref, 1 /* DESCENDANTS */);
        const infos = await Promise.all(
          kids.map(async (k) => parseSnapshotXml(await this.#client.snapshots.getXmlDesc(k))),
        );
        doomed = [info, ...infos];
      }
      await this.#client.snapshots.delete(
        ref,
        opts.children === true ? DomainSnapshotDeleteFlags.CHILDREN : 0,
      );
    } catch (err) {
      throw fromLibvirtError(err, `deleting snapshot ${name} of VM ${vm}`);
    }
    const removedFiles: string[] = [];
    const leftFiles: string[] = [];
    for (const s of doomed) {
      if (s.memoryFile === undefined) continue;
      ((await removeHostFile(this.#client, s.memoryFile)) ? removedFiles : leftFiles).push(s.memoryFile);
    }
    return { vm, deleted: doomed.map((s) => s.name), removedFiles, leftFiles };
  }
}
