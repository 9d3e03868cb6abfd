// Why: the SSH transport must be proven against a real OpenSSH server running libvirt's real proxy
// (virt-ssh-helper, nc). This helper starts a private sshd on 127.0.0.1:<free port> with its own host
// key, config and authorized_keys, and hands back a client key and a known_hosts file for it.
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'node:net';
import { freePort, stopChild } from './tls-libvirtd.js';

/** A running private sshd. */
export interface LoopbackSshd {
  readonly port: number;
  readonly root: string;
  /** Private key accepted for root (unencrypted ed25519). */
  readonly clientKey: string;
  /** known_hosts file holding this server's key as `[127.0.0.1]:<port>`. */
  readonly knownHosts: string;
  /** The server's public host key line (`ssh-ed25519 AAAA…`). */
  readonly hostKeyLine: string;
  log(): string;
  /** Stop sshd and remove the scratch directory. */
  stop(): Promise<void>;
}

function keygen(path: string, comment: string): string {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path], {
    stdio: 'ignore',
  });
  return readFileSync(`${path}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
}

/** Start `/usr/sbin/sshd -D` on loopback (needs root: it logs users in). */
export async function startLoopbackSshd(): Promise<LoopbackSshd> {
  const root = mkdtempSync(join(tmpdir(), 'hv-sshd-'));
  const port = await freePort();
  const hostKeyLine = keygen(join(root, 'host_ed25519'), 'hv-test-host');
  const clientPub = keygen(join(root, 'client_id'), 'hv-test-client');
  writeFileSync(join(root, 'authorized_keys'), `${clientPub}\n`, { mode: 0o600 });
  const knownHosts = join(root, 'known_hosts');
  writeFileSync(knownHosts, `[127.0.0.1]:${port} ${hostKeyLine}\n`);
  const cfg = join(root, 'sshd_config');
  writeFileSync(
    cfg,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(root, 'host_ed25519')}`,
      `PidFile ${join(root, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(root, 'authorized_keys')}`,
      'PermitRootLogin prohibit-password',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      'LogLevel VERBOSE',
      '',
    ].join('\n'),
  );
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 }); // sshd's privilege separation directory
  const logFile = join(root, 'sshd.log');
  const out = openSync(logFile, 'a');
  const child = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', cfg], { stdio: ['ignore', out, out] });
  closeSync(out);
  const log = (): string => readFileSync(logFile, 'utf8');
  const stop = (): Promise<void> =>
    stopChild(child).finally(() => {
      rmSync(root, { recursive: true, force: true });
    });
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) {
      const text = log();
      await stop();
      throw new Error(`sshd exited (${child.exitCode}):\n${text}`);
    }
    const up = await new Promise<boolean>((resolve) => {
      const s = createConnection({ host: '127.0.0.1', port });
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => {
        resolve(false);
      });
    });
    if (up) break;
    if (Date.now() > deadline) {
      const text = log();
      await stop();
      throw new Error(`sshd did not listen on 127.0.0.1:${port}:\n${text}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { port, root, clientKey: join(root, 'client_id'), knownHosts, hostKeyLine, log, stop };
}
