// Timing helpers for benchmarks: repeat a function, report median/min/max/p95 in milliseconds.
import { spawn } from 'node:child_process';

/** Summary of repeated timings, in milliseconds. */
export interface Timing {
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  p95Ms: number;
}

function summarize(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const round = (n: number): number => Math.round(n * 1000) / 1000;
  return {
    runs: sorted.length,
    medianMs: round(at(0.5)),
    minMs: round(sorted[0] ?? NaN),
    maxMs: round(sorted[sorted.length - 1] ?? NaN),
    p95Ms: round(at(0.95)),
  };
}

/** Time an async function `runs` times after `warmup` untimed runs. */
export async function timeAsync(fn: () => Promise<unknown>, runs: number, warmup = 2): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return summarize(samples);
}

/** Run one process to completion (async, so open connections keep answering keepalives). */
function runProcess(cmd: string, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      ...(env !== undefined && { env: { ...process.env, ...env } }),
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code === 0) resolve(ms);
      else reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr}`));
    });
  });
}

/**
 * Time a whole process (wall clock, spawn to exit); throws when it exits non-zero. `env` is added to
 * this process's environment.
 */
export async function timeProcess(
  cmd: string,
  args: readonly string[],
  runs: number,
  warmup = 1,
  env?: NodeJS.ProcessEnv,
): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await runProcess(cmd, args, env);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await runProcess(cmd, args, env));
  return summarize(samples);
}

/** Time a sequence of processes as one sample (e.g. virsh list then virsh dominfo per VM). */
export async function timeProcessSequence(
  steps: () => readonly (readonly [string, readonly string[]])[],
  runs: number,
): Promise<Timing> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    let total = 0;
    for (const [cmd, args] of steps()) total += await runProcess(cmd, args);
    samples.push(total);
  }
  return summarize(samples);
}
