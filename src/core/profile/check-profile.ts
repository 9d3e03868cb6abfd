// Rules that involve several fields of a profile (duplicate disk targets or MACs, secure boot without
// UEFI, a memory limit below the memory...), checked on the normalized VmProfile so that both file
// formats get them. Each broken rule names the field path in hv's file format.
import { formatSize } from '../validate/format-size.js';
import { TARGET_PREFIX } from './disk-schema.js';
import type { VmProfile } from './vm-profile.js';

/** A broken rule at a path of the file's object (keys and list indexes). */
export interface RawIssue {
  readonly path: readonly (string | number)[];
  readonly rule: string;
}

type Check = (p: VmProfile, out: RawIssue[]) => void;

function duplicates<T>(
  items: readonly T[],
  key: (item: T) => string | undefined,
  out: (i: number, first: number) => void,
): void {
  const seen = new Map<string, number>();
  for (const [i, item] of items.entries()) {
    const k = key(item);
    if (k === undefined) continue;
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else out(i, first);
  }
}

const checkDisks: Check = (p, out) => {
  duplicates(
    p.disks,
    (d) => d.target,
    (i, first) => out.push({ path: ['disks', i, 'target'], rule: `is already used by disks[${first}]` }),
  );
  for (const [i, d] of p.disks.entries()) {
    if (!d.target.startsWith(TARGET_PREFIX[d.bus])) {
      out.push({
        path: ['disks', i, 'target'],
        rule: `must start with ${TARGET_PREFIX[d.bus]} for bus ${d.bus}`,
      });
    }
    if (d.bus === 'ide' && !/^hd[a-d]$/.test(d.target)) {
      out.push({ path: ['disks', i, 'target'], rule: 'ide has only hda to hdd (at most 4 ide disks)' });
    }
    if (d.bus === 'ide' && p.arch !== 'x86_64') {
      out.push({ path: ['disks', i, 'bus'], rule: 'ide exists on x86_64 only' });
    }
    if (d.bus === 'ide' && p.secureBoot) {
      out.push({
        path: ['disks', i, 'bus'],
        rule: 'ide needs the pc machine, which secure boot does not support',
      });
    }
    if (d.sizeBytes === undefined && d.from === undefined) {
      out.push({ path: ['disks', i, 'size'], rule: 'is required unless from is set' });
    }
  }
};

const checkNics: Check = (p, out) => {
  duplicates(
    p.nics,
    (n) => n.mac,
    (i, first) => out.push({ path: ['nics', i, 'mac'], rule: `is already used by nics[${first}]` }),
  );
};

const checkFirmware: Check = (p, out) => {
  if (p.secureBoot && p.firmware !== 'uefi')
    out.push({ path: ['secure_boot'], rule: 'needs firmware: uefi' });
  if (p.secureBoot && p.arch !== 'x86_64')
    out.push({ path: ['secure_boot'], rule: 'is supported on x86_64 only' });
  if (p.launchSecurity !== undefined && p.arch !== 'x86_64') {
    out.push({ path: ['launch_security'], rule: 'is supported on x86_64 only' });
  }
  if (p.boot !== undefined && p.kernel !== undefined) {
    out.push({ path: ['boot'], rule: 'does not apply with kernel (direct kernel boot); remove one' });
  }
};

const checkResources: Check = (p, out) => {
  const max = p.limits.memoryMaxMiB;
  if (max !== undefined && max < p.memoryMiB) {
    out.push({
      path: ['limits', 'memory_max'],
      rule: `must be at least memory (${formatSize(p.memoryMiB * 1024 * 1024)}), or the VM is killed`,
    });
  }
  if (p.cpu.pinning.length > p.cpus) {
    out.push({
      path: ['cpu', 'pinning'],
      rule: `has ${p.cpu.pinning.length} entries but the VM has ${p.cpus} vCPUs`,
    });
  }
  duplicates(
    p.hostdevs,
    (h) => h,
    (i, first) => out.push({ path: ['hostdevs', i], rule: `is already listed as hostdevs[${first}]` }),
  );
};

const CHECKS: readonly Check[] = [checkDisks, checkNics, checkFirmware, checkResources];

/** Every cross-field rule the profile breaks (empty when it is consistent). */
export function checkProfile(profile: VmProfile): RawIssue[] {
  const out: RawIssue[] = [];
  for (const check of CHECKS) check(profile, out);
  return out;
}
