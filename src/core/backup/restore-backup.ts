// Why: restore is where a backup proves itself, and where a careless tool destroys the VM it meant to
// save. Rules: never overwrite a running VM; never take an existing name unless --in-place; under a new
// name the VM gets a new UUID and new MACs; the chain is checked (hashes) before anything is written; the
// old disks of an in-place restore stay until the restored VM is defined; checkpoints of the replaced
// disks are dropped, so the next backup is full. The NVRAM and TPM state of the backup come back with the
// VM: in place over the old ones (after the define), or as the new VM's own copies.
import { existsSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  DomainCheckpointDeleteFlags,
  DomainState,
  DomainXMLFlags,
  LibvirtError,
  type DomainRef,
  type LibvirtClient,
} from '../../libvirt/index.js';
import { ConflictError, VmError } from '../errors/index.js';
import { fromLibvirtError } from '../libvirt-errors.js';
import { validateName } from '../validate/validate-name.js';
import type { BackupCatalog } from './backup-catalog.js';
import { backupStamp } from './backup-layout.js';
import type { BackupProgress } from './backup-progress.js';
import type { BackupSettings } from './backup-service.js';
import { backupDisksOf, readDomainFacts } from './domain-disks.js';
import { rebuildDisks, verifyChainFiles } from './rebuild-disks.js';
import { resolveChain, type ChainLink } from './resolve-chain.js';
import { restoreDomainXml } from './restore-domain-xml.js';
import { acquireVmLock } from './vm-lock.js';
import { nvramDestination, restoreNvram, restoreTpmState } from './vm-state-files.js';

/** What to restore and how. */
export interface RestoreRequest {
  readonly id: string;
  /** A new name (new UUID and MACs). Default: the backed-up VM's name. */
  readonly as?: string;
  /** Replace the existing VM of that name (it must be shut off). */
  readonly inPlace?: boolean;
  /** With inPlace: keep the replaced disk files. */
  readonly keepOld?: boolean;
  /** Directory for the restored disks (default: each original disk's directory, else storage.pool_path). */
  readonly dir?: string;
  /** Check the chain's SHA-256 first (default true). */
  readonly verify?: boolean;
  readonly signal?: AbortSignal;
  readonly warn: (message: string) => void;
  readonly onProgress?: (p: BackupProgress) => void;
}

/** The restored VM. */
export interface RestoredVm {
  readonly name: string;
  readonly id: string;
  readonly newIdentity: boolean;
  readonly disks: { readonly target: string; readonly file: string }[];
  /** Disk files of the replaced VM that were removed (in-place without keepOld). */
  readonly removedOld: string[];
  /** Disk files of the replaced VM that were kept (keepOld). */
  readonly keptOld: string[];
  /** The restored NVRAM file (UEFI VMs whose backup has one). */
  readonly nvram?: string;
  /** The restored swtpm state directory (VMs with an emulated TPM). */
  readonly tpmDir?: string;
}

/** Directory of the chain's newest backup (its NVRAM/TPM copies are the ones restored). */
function dirOf(links: readonly ChainLink[]): string {
  const top = links.at(-1);
  if (top === undefined) throw new VmError('empty backup chain');
  return top.found.dir;
}

async function definedUuid(client: LibvirtClient, dom: DomainRef): Promise<string> {
  const facts = readDomainFacts(await client.domains.getXmlDesc(dom, DomainXMLFlags.INACTIVE));
  return facts.uuid;
}

/** Services a restore needs. */
export interface RestoreContext {
  readonly client: LibvirtClient;
  readonly catalog: BackupCatalog;
  readonly settings: BackupSettings;
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

async function existingDomain(client: LibvirtClient, name: string): Promise<DomainRef | undefined> {
  try {
    return await client.domains.lookupByName(name);
  } catch (err) {
    if (err instanceof LibvirtError && err.isNoDomain()) return undefined;
    throw fromLibvirtError(err, `VM ${name}`);
  }
}

/** Check the existing VM may be replaced; returns its UUID and old disk files. */
async function prepareInPlace(
  client: LibvirtClient,
  dom: DomainRef,
  name: string,
): Promise<{ uuid: string; oldFiles: string[] }> {
  const state = (await client.domains.getState(dom)).state;
  if (state !== DomainState.SHUTOFF && state !== DomainState.CRASHED) {
    throw new VmError(`VM ${name} is running: refusing to overwrite a running VM (shut it down first)`, {
      code: 'VM_STATE_INVALID',
    });
  }
  const facts = readDomainFacts(await client.domains.getXmlDesc(dom, DomainXMLFlags.INACTIVE));
  const oldFiles = backupDisksOf(facts)
    .filter((d) => d.type === 'file' && d.source !== undefined)
    .map((d) => d.source as string);
  return { uuid: facts.uuid, oldFiles };
}

/** Drop every checkpoint's metadata: the bitmaps lived in the replaced disks. */
async function dropCheckpointMetadata(client: LibvirtClient, dom: DomainRef): Promise<void> {
  const all = await client.checkpoints.listAll(dom);
  for (const ck of all.reverse())
    await client.checkpoints.delete(ck, DomainCheckpointDeleteFlags.METADATA_ONLY);
}

/** Restore backup `req.id` (see the module comment for the rules). */
export async function restoreBackup(ctx: RestoreContext, req: RestoreRequest): Promise<RestoredVm> {
  const links = await resolveChain(ctx.catalog, req.id);
  const top = links.at(-1)?.found.manifest;
  if (top === undefined) throw new VmError(`backup ${req.id} has no chain`);
  const name = validateName('as', req.as ?? top.vm.name);
  const newIdentity = name !== top.vm.name;
  const lock = acquireVmLock(ctx.settings.stateDir, 'backup', name, `hv backup restore ${req.id}`);
  const written: string[] = [];
  try {
    const { client } = ctx;
    const existing = await existingDomain(client, name);
    let inPlace: { uuid: string; oldFiles: string[] } | undefined;
    if (existing !== undefined) {
      if (req.inPlace !== true) {
        throw new ConflictError(
          `VM ${name} exists: restore with --as NEW, or replace it with --in-place (it must be shut off)`,
          {
            code: 'ALREADY_EXISTS',
            details: { vm: name },
          },
        );
      }
      inPlace = await prepareInPlace(client, existing, name).catch((e: unknown) => {
        throw fromLibvirtError(e, `VM ${name}`);
      });
    }
    if (req.verify !== false) await verifyChainFiles(links, req.signal);
    const stamp = backupStamp(new Date(top.startedAt));
    const dests = new Map<string, string>();
    for (const d of top.disks) {
      const dir =
        req.dir ??
        (d.source !== null && isDir(dirname(d.source)) ? dirname(d.source) : ctx.settings.storageDir);
      const file = join(
        dir,
        inPlace === undefined ? `${name}-${d.target}.qcow2` : `${name}-${d.target}.restored-${stamp}.qcow2`,
      );
      if (existsSync(file)) {
        throw new ConflictError(`${file} exists: not overwriting it (choose another --dir or --as)`, {
          code: 'ALREADY_EXISTS',
        });
      }
      dests.set(d.target, file);
    }
    const state = top.state ?? [];
    const nvramOrig = state.find((f) => f.kind === 'nvram')?.path;
    const nvramFile = nvramDestination(state, {
      name,
      inPlace: inPlace !== undefined,
      dir:
        req.dir ??
        (nvramOrig !== undefined && isDir(dirname(nvramOrig)) ? dirname(nvramOrig) : ctx.settings.storageDir),
    });
    if (inPlace === undefined && nvramFile !== undefined && existsSync(nvramFile)) {
      throw new ConflictError(`${nvramFile} exists: not overwriting it (choose another --dir or --as)`, {
        code: 'ALREADY_EXISTS',
      });
    }
    await rebuildDisks(links, dests, {
      vm: name,
      ...(req.signal === undefined ? {} : { signal: req.signal }),
      ...(req.onProgress === undefined ? {} : { onProgress: req.onProgress }),
    });
    written.push(...dests.values());
    // A new VM's NVRAM copy is written now; an in-place one replaces the old file once the VM is defined.
    if (nvramFile !== undefined && inPlace === undefined) {
      written.push(nvramFile);
      await restoreNvram(dirOf(links), state, nvramFile);
    }
    const xml = restoreDomainXml(top.domainXml, {
      name,
      newIdentity,
      diskFiles: dests,
      ...(inPlace === undefined ? {} : { uuid: inPlace.uuid }),
      ...(nvramFile === undefined ? {} : { nvramFile }),
    });
    let defined: DomainRef;
    try {
      if (existing !== undefined) await dropCheckpointMetadata(client, existing);
      defined = await client.domains.defineXml(xml);
    } catch (err) {
      throw fromLibvirtError(err, `defining restored VM ${name}`);
    }
    written.length = 0; // defined: the new disks belong to the VM now
    if (nvramFile !== undefined && inPlace !== undefined) await restoreNvram(dirOf(links), state, nvramFile);
    const tpmDir = await restoreTpmState(dirOf(links), state, await definedUuid(client, defined));
    const removedOld: string[] = [];
    const keptOld: string[] = [];
    for (const f of inPlace?.oldFiles ?? []) {
      if ([...dests.values()].includes(f)) continue;
      if (req.keepOld === true) keptOld.push(f);
      else {
        await rm(f, { force: true });
        removedOld.push(f);
      }
    }
    return {
      name,
      id: req.id,
      newIdentity,
      disks: [...dests].map(([target, file]) => ({ target, file })),
      removedOld,
      keptOld,
      ...(nvramFile === undefined ? {} : { nvram: nvramFile }),
      ...(tpmDir === undefined ? {} : { tpmDir }),
    };
  } finally {
    for (const f of written) await rm(f, { force: true });
    lock.release();
  }
}
