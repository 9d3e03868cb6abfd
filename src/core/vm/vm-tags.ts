// Why: hv keeps its own facts about a VM (tags, profile) inside the domain XML under its metadata
// namespace, so libvirt stays the single source of truth. This reads the tags back.
import { LibvirtError, type DomainRef, type LibvirtClient } from '../../libvirt/index.js';
import { fromLibvirtError } from '../libvirt-errors.js';
import { domainRefOf } from './vm-ref.js';

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

/**
 * hv's tags of a listed VM: one metadata read, no lookup and no XML parse. A VM without hv metadata, or
 * one undefined since it was listed, has none; any other failure (a lost connection) is an error, so a
 * tag filter never silently drops VMs.
 */
export async function readVmTags(
  client: LibvirtClient,
  dom: DomainRef,
  signal?: AbortSignal,
): Promise<string[]> {
  try {
    const xml = await client.domains.getMetadata(
      dom,
      METADATA_ELEMENT,
      HV_METADATA_NS,
      0,
      signal === undefined ? {} : { signal },
    );
    return parseTags(xml);
  } catch (err) {
    if (err instanceof LibvirtError && (err.isNoDomainMetadata() || err.isNoDomain())) return [];
    throw fromLibvirtError(err, `reading the tags of VM ${dom.name}`);
  }
}

/**
 * The listed VMs carrying `tag`, in the order given, each with its tags (one metadata read per VM, all
 * pipelined on the connection). Errors as {@link readVmTags}.
 */
export async function keepTagged<
  T extends { readonly name: string; readonly uuid: string; readonly id: number | null },
>(
  client: LibvirtClient,
  vms: readonly T[],
  tag: string,
  signal?: AbortSignal,
): Promise<(T & { tags: string[] })[]> {
  const tagged = await Promise.all(
    vms.map(async (vm) => ({ ...vm, tags: await readVmTags(client, domainRefOf(vm), signal) })),
  );
  return tagged.filter((vm) => vm.tags.includes(tag));
}
