// Probe for free space where hv writes (state, backups): measured on the file system of the directory,
// or of its nearest existing parent when it is not created yet.
import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DoctorEnv, ProbeResult } from '../doctor-check.js';

const GIB = 1024 ** 3;

async function freeBytes(dir: string): Promise<{ at: string; free: number }> {
  let at = dir;
  for (;;) {
    try {
      const st = await statfs(at);
      return { at, free: st.bavail * st.bsize };
    } catch (err) {
      const parent = dirname(at);
      if (parent === at) throw err;
      at = parent;
    }
  }
}

/** A probe that warns when `dirOf(config)` has less than doctor.min_free_gib free. */
export function freeSpaceProbe(dirOf: (env: DoctorEnv) => string) {
  return async (env: DoctorEnv): Promise<ProbeResult> => {
    const dir = dirOf(env);
    const wanted = env.config.doctor.min_free_gib;
    const { at, free } = await freeBytes(dir);
    const gib = (free / GIB).toFixed(1);
    const where = at === dir ? dir : `${at} (for ${dir})`;
    if (free < wanted * GIB) {
      return {
        state: 'degraded',
        summary: `only ${gib} GiB free on ${where}; doctor.min_free_gib is ${wanted}`,
        fix: `free space on ${at}, or move it elsewhere in the configuration`,
      };
    }
    return { state: 'ok', summary: `${gib} GiB free on ${where}` };
  };
}
