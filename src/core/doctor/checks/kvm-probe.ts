// Probe for KVM that is really usable: /dev/kvm alone is not enough. Nested set-ups such as kvm_pvm
// offer /dev/kvm without VMX/SVM and cannot boot a Linux guest, so the CPU flags are checked too.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DoctorEnv, ProbeResult } from '../doctor-check.js';

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function nestedEnabled(sysModule: string, module: string): Promise<boolean> {
  const text = await readFile(join(sysModule, module, 'parameters', 'nested'), 'utf8').catch(() => '');
  return /^(Y|1)/.test(text.trim());
}

/** Probe /dev/kvm and the CPU's virtualisation flags. */
export async function probeKvm(env: DoctorEnv): Promise<ProbeResult> {
  const { devKvm, cpuinfo, sysModule } = env.paths;
  const device = await stat(devKvm).then(
    (s) => s.isCharacterDevice(),
    () => false,
  );
  if (!device) return { state: 'missing', summary: `no ${devKvm}: guests will run under TCG (slow)` };
  const flags = (await readFile(cpuinfo, 'utf8').catch(() => ''))
    .split('\n')
    .filter((l) => /^flags\s*:/.test(l))
    .join(' ');
  const feature = /\bvmx\b/.test(flags) ? 'vmx' : /\bsvm\b/.test(flags) ? 'svm' : undefined;
  if (feature === undefined) {
    const pvm = (await exists(join(sysModule, 'kvm_pvm')))
      ? ' (kvm_pvm: software nested virtualisation)'
      : '';
    return {
      state: 'degraded',
      summary: `${devKvm} exists but the CPU has no vmx/svm flag${pvm}: guests will run under TCG (slow)`,
      fix: 'use a host with hardware virtualisation, or set vm.virt_type: qemu to choose TCG on purpose',
    };
  }
  const module = feature === 'vmx' ? 'kvm_intel' : 'kvm_amd';
  const nested = (await nestedEnabled(sysModule, module)) ? '; nested virtualisation on' : '';
  return { state: 'ok', summary: `KVM usable (${feature}${nested})` };
}
