// The files of a template's sealed disks (the ones its linked clones are backed by). Pure.
import { attrOf, childElement, parseOrderedXml, rootElement } from '../domain-xml/ordered-xml.js';
import { diskNodes, diskTarget, type TemplateMarker } from './template-marker.js';

/** Source file of every disk the marker lists (file disks; other types have no backing path). */
export function templateDiskPaths(xml: string, marker: TemplateMarker): string[] {
  const root = rootElement(parseOrderedXml(xml, 'domain XML'), 'domain XML');
  return diskNodes(root)
    .filter((disk) => marker.disks.includes(diskTarget(disk)))
    .map((disk) => attrOf(childElement(disk, 'source') ?? {}, 'file'))
    .filter((f): f is string => f !== undefined);
}
