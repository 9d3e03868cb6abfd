// The UEFI firmware files of this host for a guest architecture (OVMF for x86_64, AAVMF for aarch64),
// so create can give each UEFI VM its own NVRAM volume in hv's pool, copied from the template. libvirt
// itself only copies the template when the VM first starts, which would leave the NVRAM outside hv's
// pool and outside its undo.
import { access } from 'node:fs/promises';
import type { UefiFirmware } from '../../profile/domain-xml/host-facts.js';
import type { Arch } from '../../profile/vm-profile.js';

const CANDIDATES: Readonly<Partial<Record<Arch, readonly UefiFirmware[]>>> = {
  x86_64: [
    {
      code: '/usr/share/OVMF/OVMF_CODE_4M.fd',
      varsTemplate: '/usr/share/OVMF/OVMF_VARS_4M.fd',
      secureBootCode: '/usr/share/OVMF/OVMF_CODE_4M.secboot.fd',
      secureBootVarsTemplate: '/usr/share/OVMF/OVMF_VARS_4M.ms.fd',
    },
    {
      code: '/usr/share/OVMF/OVMF_CODE.fd',
      varsTemplate: '/usr/share/OVMF/OVMF_VARS.fd',
    },
  ],
  aarch64: [{ code: '/usr/share/AAVMF/AAVMF_CODE.fd', varsTemplate: '/usr/share/AAVMF/AAVMF_VARS.fd' }],
};

const exists = (p: string): Promise<boolean> =>
  access(p).then(
    () => true,
    () => false,
  );

/** The first complete firmware set installed for `arch` (secure-boot files only when both exist). */
export async function detectUefiFirmware(arch: Arch): Promise<UefiFirmware | undefined> {
  for (const c of CANDIDATES[arch] ?? []) {
    if (!(await exists(c.code)) || !(await exists(c.varsTemplate))) continue;
    const sb =
      c.secureBootCode !== undefined &&
      c.secureBootVarsTemplate !== undefined &&
      (await exists(c.secureBootCode)) &&
      (await exists(c.secureBootVarsTemplate));
    return sb ? c : { code: c.code, varsTemplate: c.varsTemplate };
  }
  return undefined;
}
