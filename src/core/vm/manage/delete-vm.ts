// `hv vm delete`: force a running VM off, undefine it with its managed save, snapshot and checkpoint
// metadata, NVRAM and swtpm state, then remove its own storage from the plan (unless --keep-disks).
// Backups are never touched. A failure after the domain is gone reports exactly which files are left.
import { dirname } from 'node:path';
import {
  DomainUndefineFlags as U,
  LibvirtError,
  uuidString,
  type LibvirtClient,
} from '../../../libvirt/index.js';
import { InterruptedError, StorageError, VmError } from '../../errors/index.js';
import { fromLibvirtError } from '../../libvirt-errors.js';
import { removeHostFile } from '../../snapshot/remove-host-file.js';
import { findVm, isActiveState } from './find-vm.js';
import type { KeptPath, VmDeletePlan } from './plan-vm-delete.js';

/** What delete did. */
export interface DeletedVm {
  readonly name: string;
  /** It was running or paused and was forced off first. */
  readonly forcedOff: boolean;
  /** Files removed (disks, seed, overlays, NVRAM). */
  readonly removed: readonly string[];
  readonly kept: readonly KeptPath[];
}

const FULL = U.MANAGED_SAVE | U.SNAPSHOTS_METADATA | U.NVRAM | U.CHECKPOINTS_METADATA;
/** Most flags first; older libvirt (no TPM flag) and the test driver (no NVRAM/checkpoints) get fewer. */
const FLAG_SETS = [FULL | U.TPM, FULL, U.MANAGED_SAVE | U.SNAPSHOTS_METADATA];

/** Undefine with every cleanup flag the driver knows (the swtpm state goes too). */
async function undefineAll(client: LibvirtClient, dom: Parameters<LibvirtClient['domains']['undefine']>[0]) {
  for (const [i, flags] of FLAG_SETS.entries()) {
    try {
      await client.domains.undefine(dom, flags);
      return;
    } catch (err) {
      if (err instanceof LibvirtError && err.isNoDomain()) return; // transient: gone when destroyed
      const last = i === FLAG_SETS.length - 1;
      if (last || !(err instanceof LibvirtError && err.isInvalidArg())) throw err;
    }
  }
}

/** The volume at `path`, after refreshing the pool of its directory (so files changed beside libvirt count). */
async function volumeAt(client: LibvirtClient, path: string) {
  const s = client.storage;
  const pool = await s.lookupPoolByTargetPath(dirname(path)).catch(() => undefined);
  if (pool !== undefined) await s.refreshPool(pool).catch(() => undefined);
  return s.lookupVolumeByPath(path).catch(() => undefined);
}

/** Remove a file of the libvirt host: as a volume when a pool holds it, else directly when local. */
async function removeStorage(client: LibvirtClient, path: string): Promise<void> {
  if (client.uri.startsWith('test:')) return; // the test driver's disks are not files on this host
  const vol = await volumeAt(client, path);
  if (vol !== undefined) {
    await client.storage.deleteVolume(vol);
    return;
  }
  if (!(await removeHostFile(client, path))) {
    throw new StorageError(`${path} is not in a storage pool and the host is remote`);
  }
}

/** libvirt removed the NVRAM with the domain (UNDEFINE_NVRAM); a volume entry it left is removed too. */
async function removeNvram(client: LibvirtClient, path: string): Promise<void> {
  const vol = await volumeAt(client, path);
  if (vol !== undefined) await client.storage.deleteVolume(vol);
}

/**
 * Delete the VM as planned ({@link planVmDelete}).
 * @throws InterruptedError before anything changed when `signal` is aborted; StorageError listing
 *   `details.left` when the VM is gone but some of its files could not be removed.
 */
export async function deleteVm(
  client: LibvirtClient,
  plan: VmDeletePlan,
  options: { keepDisks: boolean; signal?: AbortSignal },
): Promise<DeletedVm> {
  const { name } = plan;
  const dom = await findVm(client, name);
  if (uuidString(dom.uuid) !== plan.uuid) {
    throw new VmError(
      `VM ${name} is not the VM that was planned for deletion (its UUID differs); nothing deleted`,
      {
        code: 'VM_ERROR',
        details: { vm: name, planned: plan.uuid, found: uuidString(dom.uuid) },
      },
    );
  }
  if (options.signal?.aborted === true) throw new InterruptedError(`delete of ${name} not started`);
  let forcedOff = false;
  try {
    if (isActiveState((await client.domains.getState(dom)).state)) {
      await client.domains.destroyFlags(dom);
      forcedOff = true;
    }
    await undefineAll(client, dom);
  } catch (err) {
    throw fromLibvirtError(err, `deleting VM ${name}${forcedOff ? ' (it was forced off)' : ''}`);
  }
  const removed: string[] = [];
  const left: { path: string; error: string }[] = [];
  const files = [...(plan.nvram === undefined ? [] : [plan.nvram]), ...(options.keepDisks ? [] : plan.disks)];
  for (const path of files) {
    try {
      await (path === plan.nvram ? removeNvram(client, path) : removeStorage(client, path));
      removed.push(path);
    } catch (err) {
      left.push({ path, error: fromLibvirtError(err).message });
    }
  }
  const kept = [
    ...plan.kept,
    ...(options.keepDisks ? plan.disks.map((path) => ({ path, reason: '--keep-disks' })) : []),
  ];
  if (left.length > 0) {
    throw new StorageError(
      `VM ${name} was deleted, but ${left.length} of its files are left: ${left.map((l) => `${l.path} (${l.error})`).join('; ')}`,
      { details: { vm: name, forcedOff, removed, left } },
    );
  }
  return { name, forcedOff, removed, kept };
}
