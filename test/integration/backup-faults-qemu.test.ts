// Faults during `hv backup create` (the built CLI, on qemu:///system, one TCG guest whose 1 GiB data
// disk is full when it boots, so a full backup job runs long enough to interrupt; QMP slows the job
// down to make sure): kill -9 (the next run aborts the left-over job, removes the partial directory,
// drops the orphan checkpoint, and its incremental works), Ctrl-C (exit 130, everything undone), and a
// target that is too small (refused up front) or fills up during the job (exit 8, partial removed).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGuestWithData, throttleBackupJobs, type DataGuest } from '../helpers/backup-guest.js';
import { spawnHv, type HvRun } from '../helpers/spawn-hv.js';
import { virsh } from '../helpers/test-guest.js';

let guest: DataGuest;
let root = '';
let config = '';
let small = '';

function hv(args: readonly string[], onSpawn?: (c: ChildProcess) => void): Promise<HvRun> {
  return spawnHv(['--config', config, ...args], { timeoutMs: 600_000, ...(onSpawn ? { onSpawn } : {}) });
}

interface Listed {
  id: string;
  type: string;
  parent: string | null;
}

async function listed(): Promise<Listed[]> {
  const r = await hv(['backup', 'list', guest.name, '--json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Listed[];
}

function checkpoints(): string[] {
  return virsh(['checkpoint-list', guest.name, '--name'])
    .stdout.split('\n')
    .filter((l) => l.trim() !== '');
}

function jobType(): string {
  return /Job type:\s+(\S+)/.exec(virsh(['domjobinfo', guest.name]).stdout)?.[1] ?? '?';
}

function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.startsWith('.'));
}

function errorCode(r: HvRun): string {
  return (
    (JSON.parse(r.stderr.trim().split('\n').pop() ?? '{}') as { error?: { code?: string } }).error?.code ?? ''
  );
}

/** Start `hv backup create --full`, wait until its job runs, slow it down; retried when it was too fast. */
async function startSlowFullBackup(): Promise<{ child: ChildProcess; run: Promise<HvRun> }> {
  for (let attempt = 1; attempt <= 3; attempt++) {
    let child: ChildProcess | undefined;
    let exited = false;
    const run = hv(['backup', 'create', guest.name, '--full'], (c) => {
      child = c;
    });
    void run.then(() => (exited = true));
    const throttled = await throttleBackupJobs(guest.name, 1024 * 1024, {
      stillWanted: () => !exited,
      timeoutMs: 300_000,
    });
    if (throttled && child !== undefined) return { child, run };
    const r = await run;
    assert.equal(r.code, 0, `attempt ${attempt}: the backup was too fast to catch and failed: ${r.stderr}`);
  }
  throw new Error('the full backup job always finished before it could be slowed down');
}

describe('backup faults on a real guest', { timeout: 900_000 }, () => {
  let first: Listed;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'hv-backup-faults-'));
    chmodSync(root, 0o755);
    config = join(root, 'config.yaml');
    writeFileSync(config, `state_dir: ${root}/state\nlog_dir: ${root}/log\nbackup:\n  dir: ${root}/target\n`);
    small = join(root, 'small');
    mkdirSync(small);
    // Mounted before QEMU starts: where mounts do not propagate (no systemd), QEMU would not see it.
    const m = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=16M', 'tmpfs', small], { encoding: 'utf8' });
    assert.equal(m.status, 0, m.stderr);
    guest = await startGuestWithData('bkfault', 1024, 1024);
  });

  after(() => {
    spawnSync('umount', [small]);
    guest.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('takes the first (full) backup', async () => {
    const r = await hv(['backup', 'create', guest.name, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const [b] = await listed();
    assert.equal(b?.type, 'full');
    first = b!;
  });

  it('after kill -9 mid-backup, the next run aborts the job, cleans up, and its incremental works', async () => {
    const before = await listed();
    const { child, run } = await startSlowFullBackup();
    child.kill('SIGKILL');
    const killed = await run;
    assert.equal(killed.signal, 'SIGKILL');
    const vmDir = join(root, 'target', guest.name);
    const partial = leftovers(vmDir);
    assert.equal(partial.length, 1, `partial dirs: ${partial.join(', ')}`);
    assert.match(partial[0] ?? '', /^\.partial-/);
    assert.equal(jobType(), 'Unbounded', 'the libvirt job outlived hv');
    assert.equal(checkpoints().length, 2, 'the killed run left its checkpoint');
    const killedId = (partial[0] ?? '').slice('.partial-'.length);

    const next = await hv(['backup', 'create', guest.name, '--json']);
    assert.equal(next.code, 0, next.stderr);
    assert.match(next.stderr, /aborted the backup job an interrupted run left/);
    assert.match(next.stderr, /deleted checkpoint hv-backup-.* of an interrupted backup/);
    assert.match(next.stderr, /removed the partial backup/);
    const created = (JSON.parse(next.stdout) as Listed[])[0];
    const newest = before.at(-1);
    assert.equal(created?.type, 'incremental');
    assert.equal(created.parent, newest?.id, 'the chain from before the kill still works');
    const after = await listed();
    assert.deepEqual(
      after.map((b) => b.id),
      [...before.map((b) => b.id), created.id],
    );
    assert.ok(!after.some((b) => b.id === killedId), 'no catalog entry for the killed backup');
    assert.deepEqual(leftovers(vmDir), []);
    assert.equal(jobType(), 'None');
    assert.deepEqual(checkpoints(), [`hv-backup-${created.id}`]);
    const verify = await hv(['backup', 'verify', created.id]);
    assert.equal(verify.code, 0, verify.stderr);
  });

  for (const [signal, code, what] of [
    ['SIGINT', 130, 'Ctrl-C'],
    ['SIGTERM', 143, 'SIGTERM (a service manager, `timeout`)'],
  ] as const) {
    it(`${what} during a backup aborts the job, drops its checkpoint and removes the partial (exit ${code})`, async () => {
      const before = await listed();
      const ckBefore = checkpoints();
      const { child, run } = await startSlowFullBackup();
      child.kill(signal);
      const r = await run;
      assert.equal(r.code, code, r.stderr);
      assert.match(r.stderr, /INTERRUPTED/);
      assert.equal(jobType(), 'None');
      assert.deepEqual(checkpoints(), ckBefore);
      assert.deepEqual(leftovers(join(root, 'target', guest.name)), []);
      assert.deepEqual(
        (await listed()).map((b) => b.id),
        before.map((b) => b.id),
      );
    });
  }

  it('refuses a target without room before it starts (exit 8)', async () => {
    const ckBefore = checkpoints();
    const r = await hv(['backup', 'create', guest.name, '--full', '--target', small, '--json']);
    assert.equal(r.code, 8, r.stderr);
    assert.equal(errorCode(r), 'STORAGE_FULL');
    assert.match(r.stderr, /not enough free space/);
    assert.deepEqual(readdirSync(join(small, guest.name)), []);
    assert.deepEqual(checkpoints(), ckBefore);
  });

  it('a target QEMU cannot see (mounted after the VM started, no propagation) is refused with the reason', async (t) => {
    const rootPropagation = readFileSync('/proc/self/mountinfo', 'utf8')
      .split('\n')
      .find((l) => l.split(' ')[4] === '/');
    if (rootPropagation?.includes('shared:') === true) {
      t.skip('mounts propagate on this host: a late mount is visible to QEMU');
      return;
    }
    const late = join(root, 'late');
    mkdirSync(late);
    const m = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64M', 'tmpfs', late], { encoding: 'utf8' });
    assert.equal(m.status, 0, m.stderr);
    try {
      const ckBefore = checkpoints();
      const r = await hv(['backup', 'create', guest.name, '--target', late, '--no-space-check', '--json']);
      assert.equal(r.code, 8, r.stderr);
      assert.equal(errorCode(r), 'STORAGE_NOT_FOUND');
      assert.match(r.stderr, /cannot see .*mounted after the VM started/);
      assert.deepEqual(readdirSync(join(late, guest.name)), []);
      assert.deepEqual(checkpoints(), ckBefore);
    } finally {
      spawnSync('umount', [late]);
    }
  });

  it('a target that fills up during the job: exit 8, partial removed, the chain still usable', async () => {
    const before = await listed();
    const ckBefore = checkpoints();
    const r = await hv([
      'backup',
      'create',
      guest.name,
      '--full',
      '--target',
      small,
      '--no-space-check',
      '--json',
    ]);
    assert.equal(r.code, 8, r.stderr);
    assert.equal(errorCode(r), 'STORAGE_FULL');
    assert.match(r.stderr, /ran out of space/, 'QEMU hit the full target during the job');
    assert.deepEqual(readdirSync(join(small, guest.name)), []);
    assert.deepEqual(checkpoints(), ckBefore);
    assert.equal(jobType(), 'None');
    const next = await hv(['backup', 'create', guest.name, '--json']);
    assert.equal(next.code, 0, next.stderr);
    const created = (JSON.parse(next.stdout) as Listed[])[0];
    assert.equal(created?.type, 'incremental');
    assert.equal(created.parent, before.at(-1)?.id);
    assert.ok(first.id !== created.id);
  });
});
