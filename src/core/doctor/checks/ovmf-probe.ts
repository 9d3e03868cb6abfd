// Probe for UEFI firmware: OVMF_CODE*.fd in the OVMF directory (secure-boot variants noted).
import { readdir } from 'node:fs/promises';
import type { DoctorEnv, ProbeResult } from '../doctor-check.js';

/** Probe the OVMF firmware files. */
export async function probeOvmf(env: DoctorEnv): Promise<ProbeResult> {
  const names = await readdir(env.paths.ovmfDir).catch(() => [] as string[]);
  const code = names.filter((n) => /^OVMF_CODE.*\.fd$/.test(n)).sort();
  if (code.length === 0) return { state: 'missing', summary: `no OVMF_CODE*.fd in ${env.paths.ovmfDir}` };
  const secure = code.some((n) => n.includes('secboot')) ? ', secure boot available' : '';
  return { state: 'ok', summary: `${code.length} firmware files in ${env.paths.ovmfDir}${secure}` };
}
