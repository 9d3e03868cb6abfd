// Why: hv keeps its own facts about a VM (tags, profile) inside the domain XML under its metadata
// namespace, so libvirt stays the single source of truth. This reads the tags back.
import { LibvirtError, type LibvirtClient } from '../../libvirt/index.js';
import { fromLibvirtError } from '../libvirt-errors.js';

/** hv's XML namespace for `<metadata>` in domain XML. */
export const HV_METADATA_NS = 'https://hv.dev/xmlns/vm/1';
/** VIR_DOMAIN_METADATA_ELEMENT. */
const METADATA_ELEMENT = 2;

/** Parse `<tag>a</tag><tag>b</tag>` (any prefix) out of hv's metadata element. */
export function parseTags(xml: string): string[] {
  return [...xml.matchAll(/<(?:[\w-]+:)?tag(?:\s[^>]*)?>([^<]*)<\/(?:[\w-]+:)?tag>/g)]
    .map((m) => (m[1] ?? '').trim())
    .filter((t) => t !== '');
}

/** Tags of the VM with this uuid (empty when it has no hv metadata). */
export async function vmTags(client: LibvirtClient, uuid: string): Promise<string[]> {
  try {
    const dom = await client.domains.lookupByUuid(uuid);
    return parseTags(await client.domains.getMetadata(dom, METADATA_ELEMENT, HV_METADATA_NS));
  } catch (err) {
    if (err instanceof LibvirtError && err.isNoDomainMetadata()) return [];
    throw fromLibvirtError(err, 'reading VM tags');
  }
}
