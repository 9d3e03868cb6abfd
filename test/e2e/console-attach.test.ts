// `hv console` end to end on a real tiny guest (root shell on ttyS0): pipe mode round trip and Ctrl-]
// detach, --force takeover, refusals with their exit codes, and under a pseudo-terminal: raw mode while
// attached and the terminal restored after Ctrl-] and after SIGTERM.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { HV_BIN, spawnHv } from '../helpers/spawn-hv.js';
import { StreamText } from '../helpers/stream-text.js';
import {
  defineDomain,
  destroyAndUndefine,
  domState,
  startTestGuest,
  uniqueDomainName,
  type RunningTestGuest,
} from '../helpers/test-guest.js';

const NOT_ROOT = process.getuid?.() !== 0 ? 'needs root (qemu:///system)' : false;
const ENV = { HV_CONNECT: 'qemu:///system' };

interface Session {
  child: ChildProcessWithoutNullStreams;
  out: StreamText;
  err: StreamText;
  exit: Promise<number | null>;
}

function attach(name: string, extra: readonly string[] = []): Session {
  const child = spawn(process.execPath, [HV_BIN, 'console', ...extra, name], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', NO_COLOR: '1', ...ENV },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exit = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      resolve(code);
    }),
  );
  return { child, out: new StreamText(child.stdout), err: new StreamText(child.stderr), exit };
}

/** Type `echo hv-console-$((a+b))` until the shell answers with the sum (it may still be starting). */
async function roundTrip(s: Session): Promise<string> {
  const a = randomInt(1000, 9999);
  const b = randomInt(1000, 9999);
  const from = s.out.text.length;
  for (let attempt = 0; attempt < 20; attempt++) {
    s.child.stdin.write(`echo hv-console-$((${a}+${b}))\n`);
    const ok = await s.out.waitFor(new RegExp(`^hv-console-${a + b}\\r?$`, 'm'), 1500, from).then(
      () => true,
      () => false,
    );
    if (ok) return `hv-console-${a + b}`;
  }
  assert.fail(`no answer from the guest shell; console said: ${s.out.text.slice(from, from + 500)}`);
}

/** Runs hv console under a pty (python3), detaching with Ctrl-] or SIGTERM; reports terminal modes. */
const PTY_DRIVER = String.raw`
import json, os, pty, select, signal, subprocess, sys, termios, time
node, hv, name, how = sys.argv[1:5]
master, slave = pty.openpty()
before = termios.tcgetattr(slave)
p = subprocess.Popen([node, hv, 'console', name], stdin=slave, stdout=slave, stderr=slave,
                     env=dict(os.environ, HV_CONNECT='qemu:///system', NO_COLOR='1'))
buf = b''
deadline = time.time() + 60
while b'Connected to' not in buf and time.time() < deadline and p.poll() is None:
    r, _, _ = select.select([master], [], [], 0.5)
    if r: buf += os.read(master, 4096)
during = termios.tcgetattr(slave)
if how == 'escape':
    os.write(master, b'\x1d')
else:
    p.send_signal(signal.SIGTERM)
rc = p.wait(timeout=60)
after = termios.tcgetattr(slave)
print(json.dumps({'connected': b'Connected to' in buf, 'rawDuring': (during[3] & termios.ICANON) == 0,
                  'restored': before == after, 'rc': rc}))
`;

interface PtyReport {
  connected: boolean;
  rawDuring: boolean;
  restored: boolean;
  rc: number;
}

function underPty(name: string, how: 'escape' | 'sigterm'): PtyReport {
  const r = spawnSync('python3', ['-c', PTY_DRIVER, process.execPath, HV_BIN, name, how], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as PtyReport;
}

describe('hv console on qemu:///system', { skip: NOT_ROOT }, () => {
  let guest: RunningTestGuest | undefined;
  const offName = uniqueDomainName('console-off');

  before(async () => {
    defineDomain(
      `<domain type='qemu'><name>${offName}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu>` +
        `<os><type arch='x86_64' machine='pc'>hvm</type></os></domain>`,
    );
    guest = await startTestGuest({ label: 'console', agent: false, timeoutMs: 300_000 });
  });
  after(() => {
    guest?.dispose();
    destroyAndUndefine(offName);
  });

  it('pipe mode: types a command, reads the answer, detaches on Ctrl-] with exit 0; the VM runs on', async () => {
    const s = attach(guest!.name);
    await s.err.waitFor(/Connected to \S+ \(escape: Ctrl-\]\)/, 30_000);
    await roundTrip(s);
    s.child.stdin.write(Buffer.from([0x1d]));
    assert.equal(await s.exit, 0, s.err.text);
    assert.match(s.err.text, /Disconnected from/);
    assert.equal(domState(guest!.name), 'running');
  });

  it('a held console is refused (exit 10, IN_USE) unless --force, which takes it over', async () => {
    const first = attach(guest!.name);
    await first.err.waitFor(/Connected to/, 30_000);
    const refused = await spawnHv(['console', guest!.name], { env: ENV });
    assert.equal(refused.code, 10, refused.stderr);
    assert.match(refused.stderr, /IN_USE/);
    assert.match(refused.stderr, /--force/);
    const second = attach(guest!.name, ['--force']);
    await second.err.waitFor(/Connected to/, 30_000);
    assert.equal(await first.exit, 0, first.err.text);
    assert.match(first.err.text, /closed/);
    await roundTrip(second);
    second.child.stdin.write(Buffer.from([0x1d]));
    assert.equal(await second.exit, 0, second.err.text);
  });

  it('pipe mode ends at end of input with exit 0', async () => {
    const s = attach(guest!.name);
    await s.err.waitFor(/Connected to/, 30_000);
    s.child.stdin.end('echo bye\n');
    assert.equal(await s.exit, 0, s.err.text);
  });

  it('refuses a shut-off VM (exit 7, VM_STATE_INVALID) and says how to start it', async () => {
    const r = await spawnHv(['console', offName], { env: ENV });
    assert.equal(r.code, 7, r.stderr);
    assert.match(r.stderr, /VM_STATE_INVALID/);
    assert.ok(r.stderr.includes(`hv start ${offName}`), r.stderr);
  });

  it('unknown VM exits 7 (VM_NOT_FOUND); a malformed name exits 4', async () => {
    const unknown = await spawnHv(['vm', 'console', uniqueDomainName('nope')], { env: ENV });
    assert.equal(unknown.code, 7, unknown.stderr);
    assert.match(unknown.stderr, /VM_NOT_FOUND/);
    const bad = await spawnHv(['console', 'no/such'], { env: ENV });
    assert.equal(bad.code, 4, bad.stderr);
  });

  it('on a terminal: raw mode while attached, the terminal restored after Ctrl-]', () => {
    const r = underPty(guest!.name, 'escape');
    assert.deepEqual(r, { connected: true, rawDuring: true, restored: true, rc: 0 });
  });

  it('on a terminal: restored after SIGTERM too (exit 143)', () => {
    const r = underPty(guest!.name, 'sigterm');
    assert.deepEqual(r, { connected: true, rawDuring: true, restored: true, rc: 143 });
  });
});
