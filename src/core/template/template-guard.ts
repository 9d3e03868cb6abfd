// A template's disks are the backing files of its linked clones: booting it would change them under
// the clones. Lifecycle verbs (and anything else that would run or rewrite a VM) ask this guard first.
import type { DomainRef, LibvirtClient } from '../../libvirt/index.js';
import { VmError } from '../errors/index.js';
import { fromLibvirtError } from '../libvirt-errors.js';
import { templateOfXml } from './template-marker.js';

/** Whether the domain is an hv template (reads its persistent XML). */
async function isTemplate(client: LibvirtClient, dom: DomainRef): Promise<boolean> {
  const xml = await client.domains.getXmlDesc(dom, 2).catch((err: unknown) => {
    throw fromLibvirtError(err, `reading VM ${dom.name}`);
  });
  return templateOfXml(xml) !== undefined;
}

/**
 * Refuse to `verb` (start, resume...) a template.
 * @throws VmError VM_STATE_INVALID (exit 7) naming the template and what to do instead.
 */
export async function assertNotTemplate(
  client: LibvirtClient,
  dom: DomainRef,
  verb = 'start',
): Promise<void> {
  if (!(await isTemplate(client, dom))) return;
  throw new VmError(
    `cannot ${verb} ${dom.name}: it is a template (sealed read-only base of clones); ` +
      `make a VM from it with hv vm clone ${dom.name} NEW`,
    { code: 'VM_STATE_INVALID', details: { name: dom.name, template: true, verb } },
  );
}
