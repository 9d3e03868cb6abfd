// Probe for a program: found on PATH (or in the sbin directories a non-root PATH often lacks), and,
// where asked, that it runs and reports a version.
import { delimiter } from 'node:path';
import { runCommand } from '../../exec/run-command.js';
import { which } from '../../exec/which.js';
import type { DoctorEnv, ProbeResult } from '../doctor-check.js';

/** How to find and identify a program. */
export interface ProgramProbeOptions {
  /** Also look in these directories (e.g. /usr/sbin for nft, dnsmasq). */
  extraDirs?: readonly string[];
  /** Arguments that print the version (e.g. ['--version']); omitted: do not run the program. */
  versionArgs?: readonly string[];
}

/** A probe that finds `program` and, with versionArgs, runs it to read its version. */
export function programProbe(program: string, options: ProgramProbeOptions = {}) {
  return async (env: DoctorEnv): Promise<ProbeResult> => {
    const searchPath = [env.searchPath, ...(options.extraDirs ?? [])].join(delimiter);
    const path = await which(program, searchPath);
    if (path === undefined) return { state: 'missing', summary: `${program} not found on PATH` };
    if (options.versionArgs === undefined) return { state: 'ok', summary: path };
    try {
      const { stdout, stderr } = await runCommand(path, options.versionArgs, {
        timeoutMs: 5000,
        signal: env.signal,
      });
      const version = /(\d+\.\d+(?:\.\d+)?)/.exec(`${stdout}\n${stderr}`)?.[1];
      return { state: 'ok', summary: `${path}${version === undefined ? '' : ` ${version}`}` };
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      return { state: 'missing', summary: `${path} does not run: ${why}` };
    }
  };
}
