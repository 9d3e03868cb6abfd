// Hyper-NixOS's cpu_features toggles: shstk, ibt and avic became required CPU features and any of
// sev/sev_es/sev_snp a bare <launchSecurity type='sev'/> (x86_64 only); five more were placeholders
// with no output. hv keeps the real ones, gives SEV a policy (ES when asked), and warns about the rest.
import type { Arch, LaunchSecurity } from '../vm-profile.js';
import type { HyperNixosProfile } from './hyper-nixos-schema.js';

type CpuFeatureFlags = NonNullable<HyperNixosProfile['cpu_features']>;

const REQUIRED = ['shstk', 'ibt', 'avic'] as const;
const PLACEHOLDERS = [
  'secure_avic',
  'ciphertext_hiding',
  'secure_tsc',
  'fred',
  'zhaoxin_centaur_leaves',
] as const;

/** CPU features and launch security from their toggles; `warn` hears about what is not carried over. */
export function hyperNixosCpuFeatures(
  flags: CpuFeatureFlags,
  arch: Arch,
  warn: (path: string[], message: string) => void,
): { cpuFeatures: string[]; launchSecurity?: LaunchSecurity } {
  const on = (k: keyof CpuFeatureFlags): boolean => flags[k] === true;
  for (const key of PLACEHOLDERS) {
    if (on(key))
      warn(['cpu_features', key], 'has no libvirt setting (a placeholder in Hyper-NixOS too); ignored');
  }
  const wanted = REQUIRED.filter(on);
  const sev = (['sev', 'sev_es', 'sev_snp'] as const).filter(on);
  if (arch !== 'x86_64') {
    for (const key of [...wanted, ...sev])
      warn(['cpu_features', key], `applies to x86_64 only; ignored for ${arch}`);
    return { cpuFeatures: [] };
  }
  if (on('sev_snp')) warn(['cpu_features', 'sev_snp'], 'SEV-SNP needs a newer libvirt; the VM gets SEV-ES');
  const launchSecurity: LaunchSecurity | undefined =
    sev.length === 0 ? undefined : on('sev_es') || on('sev_snp') ? 'sev-es' : 'sev';
  return { cpuFeatures: [...wanted], ...(launchSecurity === undefined ? {} : { launchSecurity }) };
}
