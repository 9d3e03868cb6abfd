// Whether KVM really works here, by the same probe `hv doctor` uses: /dev/kvm must exist and the CPU
// must advertise vmx or svm (nested set-ups such as kvm_pvm offer /dev/kvm that cannot boot Linux).
import { HOST_PATHS, type DoctorEnv, type HostPaths } from '../doctor/doctor-check.js';
import { probeKvm } from '../doctor/checks/kvm-probe.js';

/** True when guests can run under KVM on this host (reads /dev/kvm and /proc/cpuinfo). */
export async function kvmUsable(paths: HostPaths = HOST_PATHS): Promise<boolean> {
  // probeKvm reads only env.paths.
  const env: Pick<DoctorEnv, 'paths'> = { paths };
  return (await probeKvm(env as DoctorEnv)).state === 'ok';
}
