// A VmProfile as the text of an hv profile file (YAML, defaults left out), with a comment header; what
// `hv profile import` writes and `hv vm export-profile` will print.
import { Document } from 'yaml';
import { PROFILE_SCHEMA_ID } from './profile-json-schema.js';
import { profileToDocument } from './profile-document.js';
import type { VmProfile } from './vm-profile.js';

/**
 * YAML text of the profile in compact form. `header` lines become `#` comments at the top, after a
 * line that points YAML language servers at the JSON Schema.
 */
export function formatProfileYaml(profile: VmProfile, header: readonly string[] = []): string {
  const doc = new Document(profileToDocument(profile, { compact: true }));
  doc.commentBefore = [
    ` yaml-language-server: $schema=${PROFILE_SCHEMA_ID}`,
    ...header.map((h) => ` ${h}`),
  ].join('\n');
  return doc.toString({ lineWidth: 0 });
}
