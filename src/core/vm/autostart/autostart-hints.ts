// Why: the order `hv autostart run` boots VMs in comes from hv's metadata (`<hv:autostart group=..
// priority=..>`, written from the profile's autostart_group/autostart_priority). VMs hv did not create
// have no such element: they get no group and the default priority, like the seed's profiles did.
import {
  DomainMetadataType,
  LibvirtError,
  type DomainRef,
  type LibvirtClient,
} from '../../../libvirt/index.js';
import { fromLibvirtError } from '../../libvirt-errors.js';
import { HV_VM_NAMESPACE } from '../../profile/domain-xml/domain-metadata.js';

/** Priority of a VM without one (the seed's autostart_priority default). */
export const DEFAULT_AUTOSTART_PRIORITY = 50;

/** Where a VM sits in the boot order. */
export interface AutostartHints {
  /** Group name; undefined: no group (starts after every group). */
  readonly group?: string;
  /** 0-100, lower starts earlier. */
  readonly priority: number;
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}=(["'])([^"']*)\\1`).exec(attrs);
  return m?.[2];
}

/**
 * The hints in hv's metadata element (as GetMetadata returns it; any namespace prefix). A missing
 * element, group or malformed priority reads as no group / priority 50. Pure.
 */
export function parseAutostartHints(xml: string): AutostartHints {
  const attrs = /<(?:[\w.-]+:)?autostart\b([^>]*?)\/?>/.exec(xml)?.[1] ?? '';
  const group = attr(attrs, 'group')?.trim();
  const raw = attr(attrs, 'priority');
  const priority = raw !== undefined && /^\d{1,3}$/.test(raw.trim()) ? Number(raw) : NaN;
  return {
    ...(group !== undefined && group !== '' && { group }),
    priority: priority >= 0 && priority <= 100 ? priority : DEFAULT_AUTOSTART_PRIORITY,
  };
}

/** The hints of one VM (defaults when it has no hv metadata). */
export async function readAutostartHints(
  client: LibvirtClient,
  dom: DomainRef,
  signal?: AbortSignal,
): Promise<AutostartHints> {
  try {
    const xml = await client.domains.getMetadata(
      dom,
      DomainMetadataType.ELEMENT,
      HV_VM_NAMESPACE,
      0,
      signal === undefined ? {} : { signal },
    );
    return parseAutostartHints(xml);
  } catch (err) {
    if (err instanceof LibvirtError && err.isNoDomainMetadata()) return parseAutostartHints('');
    throw fromLibvirtError(err, `reading the autostart order of VM ${dom.name}`);
  }
}
