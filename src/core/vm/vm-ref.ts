// Why: a listed VM already carries what libvirt's protocol needs to name a domain (name, UUID, id), so
// follow-up calls on it need no lookup round trip. One conversion, used wherever a listing is acted on.
import { parseUuid, type DomainRef } from '../../libvirt/index.js';

/** The protocol reference of a VM from a listing. */
export function domainRefOf(vm: {
  readonly name: string;
  readonly uuid: string;
  readonly id: number | null;
}): DomainRef {
  return { name: vm.name, uuid: parseUuid(vm.uuid), id: vm.id ?? -1 };
}
