// The flag form of `hv vm create NAME --cpus 2 --memory 2G --disk 20G [--iso X|--image X]
// [--network N]` becomes a profile object validated exactly like a profile file, so flags and files
// share one set of rules and error messages (naming the field).
import { parseProfileObject, type ParsedProfile } from '../../profile/parse-profile-text.js';

/** The flags of the flag form. */
export interface CreateFlags {
  readonly cpus?: string;
  readonly memory?: string;
  readonly disk?: string;
  readonly iso?: string;
  readonly image?: string;
  readonly network?: string;
  readonly firmware?: string;
  readonly virtType?: string;
}

function numberOr(text: string): number | string {
  return /^\d+$/.test(text) ? Number(text) : text;
}

/** The raw profile object of the flags (before validation). Pure. */
function flagsToProfileObject(name: string, f: CreateFlags): Record<string, unknown> {
  const disk: Record<string, unknown> = {};
  if (f.disk !== undefined) disk.size = f.disk;
  if (f.image !== undefined) {
    disk.from = f.image;
    disk.linked = true;
  }
  return {
    name,
    cpus: numberOr(f.cpus ?? '1'),
    memory: f.memory ?? '1G',
    disks: f.disk === undefined && f.image === undefined ? [{ size: '10G' }] : [disk],
    ...(f.iso !== undefined && { iso: f.iso }),
    ...(f.network !== undefined && { nics: [{ network: f.network }] }),
    ...(f.firmware !== undefined && { firmware: f.firmware }),
    ...(f.virtType !== undefined && { virt_type: f.virtType }),
  };
}

/** Validate the flags as a profile. @throws ProfileError (exit 4) naming the field. */
export function flagsToProfile(name: string, f: CreateFlags): ParsedProfile {
  return parseProfileObject(flagsToProfileObject(name, f), 'command line');
}
