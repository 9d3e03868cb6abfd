// rename and autostart change facts hv also keeps in the domain's metadata (the profile's name and
// autostart flag, and <hv:autostart enabled=...> that ordered autostart reads), so libvirt and hv's
// copy never disagree. Only those values are touched; tags, policies and the rest stay as they are.
import {
  DomainAffectFlags,
  DomainMetadataType,
  type DomainRef,
  type LibvirtClient,
} from '../../../libvirt/index.js';
import { fromLibvirtError } from '../../libvirt-errors.js';
import { HV_VM_NAMESPACE } from '../../profile/domain-xml/domain-metadata.js';
import { domainXmlToProfile } from '../../profile/domain-xml/domain-xml-to-profile.js';
import { escapeXmlText } from '../../profile/domain-xml/xml-builder.js';
import { profileToDocument } from '../../profile/profile-document.js';
import type { VmProfile } from '../../profile/vm-profile.js';

/** What to change in hv's metadata. */
export interface HvMetadataEdit {
  readonly name?: string;
  readonly autostart?: boolean;
}

/**
 * hv's `<vm>` metadata element (as libvirt's GetMetadata returns it) with the stored profile replaced
 * by `profile` with `edit` applied, and `edit.autostart` set on the `<autostart>` element (added when
 * missing). Pure.
 */
export function editHvMetadataText(xml: string, profile: VmProfile, edit: HvMetadataEdit): string {
  const next: VmProfile = {
    ...profile,
    ...(edit.name !== undefined && { name: edit.name }),
    ...(edit.autostart !== undefined && { autostart: edit.autostart }),
  };
  const json = escapeXmlText(JSON.stringify(profileToDocument(next)));
  let out = xml.replace(
    /(<(?:[\w.-]+:)?profile\b[^>]*>)[^<]*(<\/(?:[\w.-]+:)?profile>)/,
    (_whole, open: string, close: string) => `${open}${json}${close}`,
  );
  if (edit.autostart !== undefined) {
    const enabled = edit.autostart ? 'yes' : 'no';
    const element = /<((?:[\w.-]+:)?)autostart\b([^>]*?)(\/?)>/.exec(out);
    if (element === null) {
      const close = out.lastIndexOf('</');
      if (close >= 0) out = `${out.slice(0, close)}<autostart enabled="${enabled}"/>${out.slice(close)}`;
    } else {
      const [whole, prefix = '', attrs = '', slash = ''] = element;
      const rest = attrs.replace(/\s+enabled=(["'])[^"']*\1/, '');
      out = out.replace(whole, `<${prefix}autostart enabled="${enabled}"${rest}${slash}>`);
    }
  }
  return out;
}

/**
 * Apply `edit` to hv's metadata of the VM: its persistent definition and, when `active`, the live one.
 * Resolves false when the VM has no hv metadata (not created by hv): nothing to keep in step.
 */
export async function editHvMetadata(
  client: LibvirtClient,
  dom: DomainRef,
  edit: HvMetadataEdit,
  active: boolean,
): Promise<boolean> {
  const targets = active ? [DomainAffectFlags.CONFIG, DomainAffectFlags.LIVE] : [DomainAffectFlags.CONFIG];
  let edited = false;
  const d = client.domains;
  try {
    for (const flags of targets) {
      const stored = domainXmlToProfile(await d.getXmlDesc(dom, flags === DomainAffectFlags.CONFIG ? 2 : 0));
      if (stored === undefined) continue;
      const current = await d.getMetadata(dom, DomainMetadataType.ELEMENT, HV_VM_NAMESPACE, flags);
      const next = editHvMetadataText(current, stored.profile, edit);
      await d.setMetadata(dom, DomainMetadataType.ELEMENT, next, 'hv', HV_VM_NAMESPACE, flags);
      edited = true;
    }
  } catch (err) {
    throw fromLibvirtError(err, `updating hv metadata of VM ${dom.name}`);
  }
  return edited;
}
