// `hv template list`: every domain carrying hv's template marker, with when and from what it was
// sealed and the linked clones that depend on it (found by backing chain).
import type { LibvirtClient } from '../../libvirt/index.js';
import { fromLibvirtError } from '../libvirt-errors.js';
import { templateDependents } from './template-dependents.js';
import { templateDiskPaths } from './template-disk-paths.js';
import { templateOfXml } from './template-marker.js';

/** One template. */
export interface TemplateSummary {
  readonly name: string;
  readonly sealedAt: string;
  readonly source?: string;
  readonly identityReset: boolean;
  readonly disks: readonly string[];
  /** VMs (or, unused, volumes) whose disks are overlays of this template's. */
  readonly linkedClones: readonly string[];
}

/** Every template of the host, by name. */
export async function listTemplates(client: LibvirtClient): Promise<TemplateSummary[]> {
  try {
    const out: TemplateSummary[] = [];
    for (const dom of await client.domains.listAll()) {
      const xml = await client.domains.getXmlDesc(dom, 2).catch(() => '');
      const marker = xml === '' ? undefined : templateOfXml(xml);
      if (marker === undefined) continue;
      const disks = templateDiskPaths(xml, marker);
      const deps = await templateDependents(client, disks);
      out.push({
        name: dom.name,
        sealedAt: marker.sealedAt,
        ...(marker.source !== undefined && { source: marker.source }),
        identityReset: marker.identityReset,
        disks,
        linkedClones: [...new Set(deps.map((x) => x.vm ?? x.volume))],
      });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  } catch (err) {
    throw fromLibvirtError(err, 'listing templates');
  }
}
