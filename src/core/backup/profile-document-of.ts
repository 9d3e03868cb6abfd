// Why: a backup records hv's profile of the VM next to the domain XML, so a restore elsewhere (or a
// person reading the manifest) sees what hv was asked to build. VMs hv did not create have none.
import { domainXmlToProfile } from '../profile/domain-xml/domain-xml-to-profile.js';
import { profileToDocument } from '../profile/profile-document.js';

/** hv's profile document from a domain XML's metadata, or null (with a warning when unreadable). */
export function profileDocumentOf(domainXml: string, warn: (message: string) => void): unknown {
  try {
    const found = domainXmlToProfile(domainXml);
    return found === undefined ? null : profileToDocument(found.profile);
  } catch (err) {
    warn(`the VM's hv profile metadata is unreadable and is not recorded: ${(err as Error).message}`);
    return null;
  }
}
