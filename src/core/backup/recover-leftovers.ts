// Why: a backup killed with -9 (or by a power cut) leaves a libvirt job still writing into a partial
// directory, a checkpoint no complete backup names, and the partial directory itself. The next run, under
// the VM's lock, puts that right before it starts: it aborts only a backup job that writes into an hv
// partial directory of this VM, deletes only hv's own orphan checkpoints, removes the partial
// directories, and records complete backups the catalog missed (killed between rename and insert).
import { rm } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DomainJobOperation,
  DomainJobType,
  type DomainRef,
  type LibvirtClient,
} from '../../libvirt/index.js';
import { ConflictError } from '../errors/index.js';
import { fromLibvirtError } from '../libvirt-errors.js';
import type { BackupCatalog } from './backup-catalog.js';
import { CHECKPOINT_PREFIX, PARTIAL_PREFIX } from './backup-layout.js';
import {
  attrOf,
  childElement,
  childElements,
  parseOrderedXml,
  rootElement,
} from '../domain-xml/ordered-xml.js';
import { scanBackupTarget } from './scan-backup-target.js';

/** What recovery did, for the user. */
export interface RecoveryReport {
  abortedJob: boolean;
  droppedCheckpoints: string[];
  removedPartials: string[];
  importedBackups: string[];
}

/** Target files of the domain's running backup job. */
async function runningBackupTargets(client: LibvirtClient, dom: DomainRef): Promise<string[]> {
  const xml = await client.backups.getXmlDesc(dom);
  const root = rootElement(parseOrderedXml(xml, 'backup XML'));
  return childElements(childElement(root, 'disks') ?? {}, 'disk')
    .map((d) => attrOf(childElement(d, 'target') ?? {}, 'file'))
    .filter((f): f is string => f !== undefined);
}

function isOurPartial(file: string, vm: string): boolean {
  const dir = dirname(file);
  return basename(dir).startsWith(PARTIAL_PREFIX) && basename(dirname(dir)) === vm;
}

/** Abort a backup job an earlier hv run left behind; refuse to touch anybody else's job. */
async function abortLeftoverJob(
  client: LibvirtClient,
  dom: DomainRef,
  vm: string,
  partials: Set<string>,
): Promise<boolean> {
  const now = await client.backups.getJobStats(dom);
  if (now.type === DomainJobType.NONE) return false;
  const op = now.stats['operation'];
  if (op !== DomainJobOperation.BACKUP) {
    throw new ConflictError(`VM ${vm} is busy with another job (operation ${String(op)}); try again later`, {
      code: 'IN_USE',
    });
  }
  const targets = await runningBackupTargets(client, dom);
  if (targets.length === 0 || !targets.every((t) => isOurPartial(t, vm))) {
    throw new ConflictError(
      `VM ${vm} has a backup job running that hv did not start (targets: ${targets.join(', ')})`,
      {
        code: 'IN_USE',
        details: { targets },
      },
    );
  }
  await client.backups.abortJob(dom);
  for (let i = 0; i < 150; i++) {
    if ((await client.backups.getJobStats(dom)).type === DomainJobType.NONE) break;
    await sleep(200);
  }
  for (const t of targets) partials.add(dirname(t));
  return true;
}

/**
 * Clean up after interrupted backups of `vm` in `target` (and wherever a left-over job wrote).
 * @param dom the domain when it exists; `live` when it runs (jobs and checkpoints exist only then
 *   for jobs; checkpoints are cleaned either way).
 */
export async function recoverLeftovers(o: {
  client: LibvirtClient;
  dom: DomainRef;
  live: boolean;
  vm: string;
  target: string;
  catalog: BackupCatalog;
  warn: (message: string) => void;
}): Promise<RecoveryReport> {
  const report: RecoveryReport = {
    abortedJob: false,
    droppedCheckpoints: [],
    removedPartials: [],
    importedBackups: [],
  };
  const scan = await scanBackupTarget(o.target, o.vm);
  for (const found of scan.complete) {
    if (o.catalog.get(found.manifest.id) === undefined) {
      o.catalog.record(found.manifest, found.dir, found.protected);
      report.importedBackups.push(found.manifest.id);
      o.warn(`recorded backup ${found.manifest.id}, which an interrupted run had completed`);
    }
  }
  const partials = new Set(scan.partial);
  try {
    if (o.live) report.abortedJob = await abortLeftoverJob(o.client, o.dom, o.vm, partials);
    if (report.abortedJob) o.warn(`aborted the backup job an interrupted run left on VM ${o.vm}`);
    const known = new Set(o.catalog.list(o.vm).map((b) => b.checkpoint));
    for (const ck of await o.client.checkpoints.listAll(o.dom)) {
      if (!ck.name.startsWith(CHECKPOINT_PREFIX) || known.has(ck.name)) continue;
      try {
        await o.client.checkpoints.delete(ck);
      } catch (err) {
        // e.g. libvirt cannot delete checkpoints of a stopped VM: harmless, a live run retries.
        o.warn(`checkpoint ${ck.name} of an interrupted backup stays for now: ${(err as Error).message}`);
        continue;
      }
      report.droppedCheckpoints.push(ck.name);
      o.warn(`deleted checkpoint ${ck.name} of an interrupted backup`);
    }
  } catch (err) {
    throw fromLibvirtError(err, `VM ${o.vm}`);
  }
  for (const dir of partials) {
    await rm(dir, { recursive: true, force: true });
    report.removedPartials.push(dir);
    o.warn(`removed the partial backup ${dir}`);
  }
  return report;
}
