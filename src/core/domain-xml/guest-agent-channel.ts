// Why: whether a domain has the qemu-guest-agent channel decides if backups and snapshots may try to
// freeze its file systems; both ask the same question of the domain XML.
import { attributeOf, elementsOf, objectOf, type XmlObject } from './domain-xml-tree.js';

/** The virtio-serial port name of the QEMU guest agent. */
const AGENT_PORT = 'org.qemu.guest_agent.0';

/** Whether a `<domain>` element (see domain-xml-tree.ts) defines the guest agent's channel. */
export function hasGuestAgentChannel(domain: XmlObject): boolean {
  return elementsOf(objectOf(domain.devices)?.channel).some(
    (c) => attributeOf(objectOf(c.target), 'name') === AGENT_PORT,
  );
}
