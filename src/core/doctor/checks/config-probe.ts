// Probe that the configuration file is valid (it was loaded before the checks ran).
import type { DoctorEnv, ProbeResult } from '../doctor-check.js';

/** Report the configuration's state. */
export function probeConfig(env: DoctorEnv): Promise<ProbeResult> {
  if (env.configError !== undefined) {
    return Promise.resolve({ state: 'missing', summary: env.configError.message });
  }
  return Promise.resolve(
    env.configExists
      ? { state: 'ok', summary: `${env.configPath} is valid` }
      : { state: 'ok', summary: `${env.configPath} does not exist: defaults apply` },
  );
}
