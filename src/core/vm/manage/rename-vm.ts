// `hv vm rename OLD NEW`: libvirt renames only shut-off VMs (and not ones with snapshots or
// checkpoints); the new name is checked like any hv name and must be free. hv's metadata stores the
// profile's name, so it is renamed too, and on the libvirt host itself the files hv named after the
// VM follow (hv-file-renames.ts); a failure part-way puts everything back.
import { access, rename } from 'node:fs/promises';
import { LibvirtError, type DomainRef, type LibvirtClient } from '../../../libvirt/index.js';
import type { HvConfig } from '../../config/config-schema.js';
import { ConflictError, ValidationError, VmError } from '../../errors/index.js';
import { fromLibvirtError } from '../../libvirt-errors.js';
import { validateName } from '../../validate/validate-name.js';
import { findVm } from './find-vm.js';
import { hvFileRenames, isLocalHost, withRenamedPaths, type FileRename } from './hv-file-renames.js';
import { editHvMetadata } from './hv-metadata-edit.js';
import { backingFilesOfPool, pathsUsedByOtherVms } from './storage-usage.js';

const SHUTOFF = 5;

/** What rename did. */
export interface RenamedVm {
  readonly from: string;
  readonly to: string;
  /** hv's metadata (profile name) was updated; false for VMs hv did not create. */
  readonly metadata: boolean;
  /** hv's files renamed after the VM (new paths). */
  readonly files: readonly string[];
  /** Why hv's files kept their old names, when they did. */
  readonly filesKept?: string;
}

const exists = (p: string): Promise<boolean> =>
  access(p).then(
    () => true,
    () => false,
  );

async function checkNameFree(client: LibvirtClient, to: string): Promise<void> {
  const taken = await client.domains.lookupByName(to).then(
    () => true,
    (err: unknown) => {
      if (err instanceof LibvirtError && err.isNoDomain()) return false;
      throw fromLibvirtError(err, `looking up VM ${to}`);
    },
  );
  if (taken) throw new ConflictError(`a VM named ${to} already exists`, { code: 'ALREADY_EXISTS' });
}

/** The files to move, or why none are moved. */
async function planMoves(
  client: LibvirtClient,
  config: HvConfig,
  dom: DomainRef,
  xml: string,
  to: string,
): Promise<{ moves: FileRename[]; kept?: string }> {
  const moves = hvFileRenames(xml, dom.name, to, config.storage.pool_path);
  if (moves.length === 0) return { moves };
  if (!isLocalHost(client.uri)) return { moves: [], kept: 'libvirtd runs on another host' };
  const used = await pathsUsedByOtherVms(client, dom);
  const backing = new Set((await backingFilesOfPool(client, config.storage.pool)).values());
  for (const m of moves) {
    if (used.has(m.from) || backing.has(m.from))
      return { moves: [], kept: `${m.from} is used by another VM` };
    if (await exists(m.to)) return { moves: [], kept: `${m.to} already exists` };
  }
  return { moves };
}

/**
 * Rename VM `from` to `to`.
 * @throws ValidationError (exit 4) for a bad or unchanged name; VmError VM_NOT_FOUND, VM_STATE_INVALID
 *   (not shut off, or libvirt refuses: snapshots); ConflictError ALREADY_EXISTS when `to` is taken.
 */
export async function renameVm(
  client: LibvirtClient,
  config: HvConfig,
  from: string,
  to: string,
): Promise<RenamedVm> {
  validateName('new name', to);
  if (to === from) throw new ValidationError('new name', `is already the VM's name`, { value: to });
  const dom = await findVm(client, from);
  await checkNameFree(client, to);
  const { state } = await client.domains.getState(dom);
  if (state !== SHUTOFF) {
    throw new VmError(`VM ${from} is not shut off: stop it first (libvirt renames only shut-off VMs)`, {
      code: 'VM_STATE_INVALID',
      details: { vm: from, state },
    });
  }
  const xml = await client.domains.getXmlDesc(dom, 2);
  const { moves, kept } = await planMoves(client, config, dom, xml, to);
  await client.domains.rename(dom, to).catch((err: unknown) => {
    throw fromLibvirtError(err, `renaming VM ${from} to ${to}`);
  });
  const renamed = await findVm(client, to);
  const done: FileRename[] = [];
  try {
    for (const m of moves) {
      await rename(m.from, m.to);
      done.push(m);
    }
    if (done.length > 0) {
      await client.domains.defineXml(withRenamedPaths(await client.domains.getXmlDesc(renamed, 2), done));
    }
  } catch (err) {
    for (const m of done.reverse()) await rename(m.to, m.from).catch(() => undefined);
    await client.domains.rename(renamed, from).catch(() => undefined);
    throw fromLibvirtError(err, `renaming the files of VM ${from} (the rename was undone)`);
  }
  const pool = await client.storage.lookupPoolByName(config.storage.pool).catch(() => undefined);
  if (pool !== undefined && done.length > 0) await client.storage.refreshPool(pool).catch(() => undefined);
  const metadata = await editHvMetadata(client, renamed, { name: to }, false);
  return {
    from,
    to,
    metadata,
    files: done.map((m) => m.to),
    ...(kept !== undefined && { filesKept: kept }),
  };
}
