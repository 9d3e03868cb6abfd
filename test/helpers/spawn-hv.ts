// Spawns the built CLI (bin/hv) for end-to-end tests and collects its exit status and output.
// Optionally as another user (setpriv) to test permission errors, and with a hook to signal it.
import { spawn, type ChildProcess } from 'node:child_process';
import { repoPath } from './repo-file.js';

/** Absolute path of bin/hv.cjs, the Node entry behind the bin/hv shell launcher (run it with node). */
export const HV_BIN = repoPath('bin/hv.cjs');

/** What a finished hv run left. */
export interface HvRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** How to run hv. */
export interface SpawnHvOptions {
  /** Added to a minimal environment (PATH, HOME, NO_COLOR=1); HV_* from the caller are not inherited. */
  env?: NodeJS.ProcessEnv;
  /** Run as this user and group through setpriv (the test must run as root). */
  asUser?: { user: string; group: string };
  /** Called once the process is started (to send it signals). */
  onSpawn?: (child: ChildProcess) => void;
  timeoutMs?: number;
}

/** Run bin/hv with `args` and wait for it to exit. */
export function spawnHv(args: readonly string[], options: SpawnHvOptions = {}): Promise<HvRun> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/root',
    NO_COLOR: '1',
    ...options.env,
  };
  const [cmd, argv] =
    options.asUser === undefined
      ? [process.execPath, [HV_BIN, ...args]]
      : [
          'setpriv',
          [
            `--reuid=${options.asUser.user}`,
            `--regid=${options.asUser.group}`,
            '--clear-groups',
            '--',
            process.execPath,
            HV_BIN,
            ...args,
          ],
        ];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    options.onSpawn?.(child);
  });
}
