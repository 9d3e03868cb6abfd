// `hv template rm T`: delete a template with its own storage (sealed disks, seed ISO, NVRAM), refused
// while a linked clone depends on it (IN_USE, naming the clones). delete's plan keeps read-only disks
// (shared media); a template's sealed disks are its own, so they are put back into the plan here.
import type { LibvirtClient } from '../../libvirt/index.js';
import type { HvConfig } from '../config/config-schema.js';
import { ConflictError, ValidationError } from '../errors/index.js';
import { validateName } from '../validate/validate-name.js';
import { deleteVm, type DeletedVm } from '../vm/manage/delete-vm.js';
import { findVm } from '../vm/manage/find-vm.js';
import { planVmDelete } from '../vm/manage/plan-vm-delete.js';
import { isInside } from '../vm/manage/disk-ownership.js';
import { templateDependents } from './template-dependents.js';
import { templateDiskPaths } from './template-disk-paths.js';
import { templateOfXml } from './template-marker.js';

/**
 * Remove template `name`.
 * @throws ValidationError (4) for a bad name or a VM that is no template; VmError VM_NOT_FOUND (7);
 *   ConflictError IN_USE (10) while linked clones depend on it.
 */
export async function removeTemplate(
  client: LibvirtClient,
  config: HvConfig,
  name: string,
  options: { signal?: AbortSignal } = {},
): Promise<DeletedVm> {
  validateName('template name', name);
  const dom = await findVm(client, name);
  const xml = await client.domains.getXmlDesc(dom, 2);
  const marker = templateOfXml(xml);
  if (marker === undefined)
    throw new ValidationError('template', `${name} is a VM, not a template (delete VMs with hv delete)`, {
      value: name,
    });
  const disks = templateDiskPaths(xml, marker);
  const deps = await templateDependents(client, disks);
  if (deps.length > 0) {
    const who = [...new Set(deps.map((x) => (x.vm === undefined ? `volume ${x.volume}` : `VM ${x.vm}`)))];
    throw new ConflictError(
      `template ${name} is in use: linked clone(s) ${who.join(', ')} are backed by its disks; ` +
        `delete them first (or make full clones)`,
      { code: 'IN_USE', details: { clones: who } },
    );
  }
  const plan = await planVmDelete(client, config, name);
  const sealed = new Set(disks.filter((p) => isInside(config.storage.pool_path, p)));
  const mine = plan.kept.filter((k) => sealed.has(k.path) && k.reason === 'read-only').map((k) => k.path);
  return deleteVm(
    client,
    { ...plan, disks: [...mine, ...plan.disks], kept: plan.kept.filter((k) => !mine.includes(k.path)) },
    { keepDisks: false, ...(options.signal !== undefined && { signal: options.signal }) },
  );
}
