// Profile -> libvirt domain XML, as one pure and deterministic function: the same profile and host
// facts always give the same text, every string from the profile is escaped by the XML writer, and
// nothing here runs a program or touches a file.
import type { VmProfile } from '../vm-profile.js';
import { diskElements } from './domain-disks.js';
import { consoleElements, displayElements, extraDeviceElements } from './domain-devices.js';
import { metadataElement, type ProfileOrigin } from './domain-metadata.js';
import { checkZoneHostdevs, nicElements } from './domain-nics.js';
import { featuresElement, osElement } from './domain-os.js';
import {
  cpuElement,
  cputuneElement,
  launchSecurityElement,
  memoryBackingElement,
  memtuneElement,
  numatuneElement,
} from './domain-tuning.js';
import { effectiveVirtType, type HostFacts } from './host-facts.js';
import { el, renderXml } from './xml-builder.js';

/** Extra, optional inputs of {@link profileToDomainXml}. */
export interface DomainXmlOptions {
  /** Recorded in hv's metadata. */
  readonly origin?: ProfileOrigin;
}

/**
 * The libvirt domain XML for `profile` on a host described by `host`. Deterministic; no I/O.
 * The profile must be valid (from parseProfileText/parseProfileObject).
 * @throws ValidationError (PROFILE_INVALID) for rules that depend on the host (a zone that forbids
 *   passthrough, host-passthrough under TCG); DependencyError when secure boot is asked for and the
 *   host facts name no secure-boot firmware; HvError INTERNAL when the facts do not match the profile
 *   (disk count, missing ISO path).
 */
export function profileToDomainXml(
  profile: VmProfile,
  host: HostFacts,
  options: DomainXmlOptions = {},
): string {
  checkZoneHostdevs(profile, host);
  const virtType = effectiveVirtType(profile.virtType, profile.arch, host);
  const mib = { unit: 'MiB' };
  const domain = el(
    'domain',
    { type: virtType },
    el('name', {}, profile.name),
    host.uuid !== undefined && el('uuid', {}, host.uuid),
    profile.description !== undefined && el('description', {}, profile.description),
    metadataElement(profile, options.origin),
    el('memory', mib, profile.memoryMiB),
    el('currentMemory', mib, profile.memoryMiB),
    memoryBackingElement(profile),
    memtuneElement(profile),
    el('vcpu', { placement: 'static' }, profile.cpus),
    cputuneElement(profile),
    numatuneElement(profile),
    osElement(profile, host),
    featuresElement(profile),
    cpuElement(profile, virtType),
    el('clock', { offset: 'utc' }),
    el('on_poweroff', {}, 'destroy'),
    el('on_reboot', {}, 'restart'),
    el('on_crash', {}, 'destroy'),
    el(
      'devices',
      {},
      host.emulator !== undefined && el('emulator', {}, host.emulator),
      diskElements(profile, host),
      nicElements(profile, host),
      consoleElements(),
      displayElements(profile),
      extraDeviceElements(profile),
    ),
    launchSecurityElement(profile),
  );
  return renderXml(domain);
}
