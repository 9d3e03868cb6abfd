// hv's own data in a domain's <metadata>, under its namespace, so libvirt stays the one source of truth
// about VMs: the full profile as JSON (what apply and export read back), tags, owner, where the
// profile came from, and autostart ordering hints for the scheduler.
import { profileToDocument } from '../profile-document.js';
import type { VmProfile } from '../vm-profile.js';
import { el, type XmlElement } from './xml-builder.js';

/** hv's XML namespace for domain metadata (the same URI src/core/vm/vm-tags.ts reads tags under). */
export const HV_VM_NAMESPACE = 'https://hv.dev/xmlns/vm/1';

/** Where a profile came from, recorded in metadata. */
export interface ProfileOrigin {
  /** `hv` or `hyper-nixos` (a Hyper-NixOS JSON profile). */
  readonly format: 'hv' | 'hyper-nixos';
  /** The file it was read from, if any. */
  readonly file?: string;
}

/** `<metadata><hv:vm xmlns:hv=...>...</hv:vm></metadata>`. */
export function metadataElement(profile: VmProfile, origin?: ProfileOrigin): XmlElement {
  return el(
    'metadata',
    {},
    el(
      'hv:vm',
      { 'xmlns:hv': HV_VM_NAMESPACE },
      el('hv:profile', { format: 'json' }, JSON.stringify(profileToDocument(profile))),
      profile.tags.length > 0 &&
        el(
          'hv:tags',
          {},
          profile.tags.map((t) => el('hv:tag', {}, t)),
        ),
      profile.owner !== undefined && el('hv:owner', {}, profile.owner),
      origin !== undefined && el('hv:origin', { format: origin.format, file: origin.file }),
      el('hv:autostart', {
        enabled: profile.autostart ? 'yes' : 'no',
        group: profile.autostartGroup,
        priority: profile.autostartPriority,
      }),
    ),
  );
}
