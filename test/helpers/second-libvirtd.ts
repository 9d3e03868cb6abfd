// A private libvirtd in its own mount namespace (test-host.md section 5), listening only on a Unix
// socket under a scratch directory. Tests may kill and restart it freely: the shared libvirtd that
// everyone else uses is never touched.
import { spawn, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running private libvirtd. */
export interface SecondLibvirtd {
  /** Its read-write socket, e.g. /tmp/hv-2nd-XXXX/run/libvirt-sock. */
  readonly socket: string;
  /** `test+unix:///default?socket=...`: the test driver through this daemon. */
  readonly testUri: string;
  /** `qemu+unix:///system?socket=...`: its QEMU driver (a migration destination). */
  readonly qemuUri: string;
  /** SIGSTOP the daemon: calls hang (to have one in flight). */
  freeze(): void;
  /** SIGKILL the daemon and wait until it is gone. */
  kill(): Promise<void>;
  /** Start it again on the same socket (after kill); resolves when the socket accepts. */
  restart(): Promise<void>;
  /** Kill it and remove the scratch directory. Idempotent. */
  stop(): Promise<void>;
  log(): string;
}

function waitExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
}

/** Options of {@link startSecondLibvirtd}. */
export interface SecondLibvirtdOptions {
  /** Its own UTS hostname (a migration target must not share the source's hostname). */
  readonly hostname?: string;
}

/** Start a private libvirtd (root only). */
export async function startSecondLibvirtd(options: SecondLibvirtdOptions = {}): Promise<SecondLibvirtd> {
  const root = mkdtempSync(join(tmpdir(), 'hv-2nd-'));
  for (const d of ['etc', 'run', 'varlib', 'cache', 'log']) mkdirSync(join(root, d));
  if (existsSync('/etc/libvirt')) cpSync('/etc/libvirt', join(root, 'etc'), { recursive: true });
  rmSync(join(root, 'etc', 'qemu', 'autostart'), { recursive: true, force: true });
  rmSync(join(root, 'etc', 'qemu', 'networks'), { recursive: true, force: true });
  rmSync(join(root, 'etc', 'storage'), { recursive: true, force: true });
  writeFileSync(
    join(root, 'etc', 'libvirtd.conf'),
    `auth_unix_rw = "none"\nauth_unix_ro = "none"\nhost_uuid = "${randomUUID()}"\n`,
  );
  writeFileSync(join(root, 'etc', 'qemu.conf'), 'stdio_handler = "file"\n');
  const socket = join(root, 'run', 'libvirt-sock');
  const logFile = join(root, 'libvirtd.out');
  writeFileSync(logFile, '');
  const binds = [
    ['etc', '/etc/libvirt'],
    ['run', '/run/libvirt'],
    ['varlib', '/var/lib/libvirt'],
    ['cache', '/var/cache/libvirt'],
    ['log', '/var/log/libvirt'],
  ] as const;
  const script = [
    'set -e',
    ...(options.hostname === undefined ? [] : [`hostname ${options.hostname}`]),
    ...binds.map(([src, dst]) => `mount --bind ${join(root, src)} ${dst}`),
    `exec libvirtd -f /etc/libvirt/libvirtd.conf -p ${join(root, 'libvirtd.pid')}`,
  ].join('\n');
  let child: ChildProcess | undefined;
  const log = (): string => readFileSync(logFile, 'utf8');

  const launch = async (): Promise<void> => {
    rmSync(socket, { force: true });
    const out = openSync(logFile, 'a');
    const uts = options.hostname === undefined ? [] : ['--uts'];
    child = spawn('unshare', ['--mount', ...uts, '--propagation', 'private', 'sh', '-c', script], {
      detached: true,
      stdio: ['ignore', out, out],
    });
    closeSync(out);
    const deadline = Date.now() + 15_000;
    while (!existsSync(socket)) {
      if (child.exitCode !== null) throw new Error(`second libvirtd exited:\n${log()}`);
      if (Date.now() > deadline) throw new Error(`second libvirtd: no socket after 15 s:\n${log()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const kill = async (): Promise<void> => {
    if (child === undefined) return;
    const c = child;
    child = undefined;
    c.kill('SIGKILL');
    await waitExit(c);
  };
  await launch();
  let stopped = false;
  return {
    socket,
    testUri: `test+unix:///default?socket=${socket}`,
    qemuUri: `qemu+unix:///system?socket=${socket}`,
    freeze: () => child?.kill('SIGSTOP'),
    kill,
    restart: launch,
    log,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await kill();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
