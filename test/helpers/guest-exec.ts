// Runs a shell command inside a running test guest through its qemu-guest-agent (guest-exec), and
// returns its exit code and output: how backup tests write data to the data disk and hash it as the
// guest sees it, without a console.
import { setTimeout as sleep } from 'node:timers/promises';
import { virsh } from './guest-virsh.js';

/** What a command in the guest left. */
export interface GuestExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

function agent(domain: string, command: object): Record<string, unknown> {
  const out = virsh(['qemu-agent-command', domain, JSON.stringify(command)]).stdout;
  return (JSON.parse(out) as { return: Record<string, unknown> }).return;
}

/** Run `/bin/sh -c script` in the guest; throws on timeout or a non-zero exit unless `allowFail`. */
export async function guestExec(
  domain: string,
  script: string,
  options: { timeoutMs?: number; allowFail?: boolean } = {},
): Promise<GuestExecResult> {
  const { pid } = agent(domain, {
    execute: 'guest-exec',
    arguments: { path: '/bin/sh', arg: ['-c', script], 'capture-output': true },
  }) as { pid: number };
  const deadline = performance.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    const st = agent(domain, { execute: 'guest-exec-status', arguments: { pid } });
    if (st['exited'] === true) {
      const decode = (v: unknown): string =>
        typeof v === 'string' ? Buffer.from(v, 'base64').toString() : '';
      const r = {
        exitCode: Number(st['exitcode'] ?? -1),
        stdout: decode(st['out-data']),
        stderr: decode(st['err-data']),
      };
      if (r.exitCode !== 0 && options.allowFail !== true) {
        throw new Error(`guest ${domain}: '${script}' exited ${r.exitCode}: ${r.stderr.trim()}`);
      }
      return r;
    }
    if (performance.now() > deadline) throw new Error(`guest ${domain}: '${script}' still running`);
    await sleep(100);
  }
}

/** SHA-256 of a whole block device as the guest reads it (e.g. /dev/vdb). */
export async function guestDeviceSha256(domain: string, device: string): Promise<string> {
  const r = await guestExec(domain, `sha256sum ${device}`);
  const hash = /^([0-9a-f]{64})\b/.exec(r.stdout)?.[1];
  if (hash === undefined) throw new Error(`guest ${domain}: no hash in '${r.stdout}'`);
  return hash;
}
