// `hv backup` through the built CLI without a guest: list/reindex/protect/verify/prune on backups made
// of small real qcow2 files, and the exit codes of the refusals (usage 4, not found 7/8, lock held 10,
// check failed 11). Live backups are covered by the integration tests.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fakeManifest } from '../helpers/backup-fixtures.js';
import { formatBackupManifest } from '../../src/core/backup/backup-manifest.js';
import { flipByte } from '../helpers/backup-images.js';
import { spawnHv, type HvRun } from '../helpers/spawn-hv.js';

let root = '';
let config = '';
const target = (): string => join(root, 'target');

function hv(args: readonly string[]): Promise<HvRun> {
  return spawnHv(['--config', config, ...args]);
}

function errorOf(r: HvRun): { code: string; message: string } {
  return (
    JSON.parse(r.stderr.trim().split('\n').pop() ?? '{}') as { error: { code: string; message: string } }
  ).error;
}

/** A backup whose one disk is a real (small, empty) qcow2, with a correct manifest. */
function realBackup(vm: string, id: string, startedAt: string, parent: string | null = null): string {
  const dir = join(target(), vm, id);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'vda.qcow2');
  const r = spawnSync('qemu-img', ['create', '-q', '-f', 'qcow2', file, '1M']);
  assert.equal(r.status, 0);
  const bytes = readFileSync(file);
  const m = fakeManifest({ vm, id, startedAt, parent });
  const disk = {
    ...m.disks[0]!,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
  writeFileSync(join(dir, 'manifest.json'), formatBackupManifest({ ...m, disks: [disk] }));
  return dir;
}

describe('hv backup (CLI, no guest)', () => {
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'hv-e2e-backup-'));
    config = join(root, 'config.yaml');
    writeFileSync(config, `state_dir: ${root}/state\nlog_dir: ${root}/log\nbackup:\n  dir: ${root}/target\n`);
  });

  after(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('list is empty (exit 0), reindex finds backups on the target, list shows them', async () => {
    const empty = await hv(['backup', 'list', '--json']);
    assert.equal(empty.code, 0, empty.stderr);
    assert.deepEqual(JSON.parse(empty.stdout), []);
    realBackup('web-1', 'web-1.20261120T120000Z', '2026-11-20T12:00:00Z');
    realBackup('web-1', 'web-1.20261121T120000Z', '2026-11-21T12:00:00Z', 'web-1.20261120T120000Z');
    realBackup('web-1', 'web-1.20261122T120000Z', '2026-11-22T12:00:00Z');
    mkdirSync(join(target(), 'web-1', '.partial-web-1.20261123T120000Z'));
    const re = await hv(['backup', 'reindex']);
    assert.equal(re.code, 0, re.stderr);
    assert.match(re.stdout, /3 added, 0 refreshed, 0 removed/);
    assert.match(re.stdout, /interrupted .*\.partial-web-1\.20261123T120000Z/);
    const list = await hv(['backup', 'list', 'web-1']);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^ID\s+VM\s+TIME\s+TYPE\s+SIZE\s+PARENT\s+VERIFIED\s+PROTECTED$/m);
    assert.match(
      list.stdout,
      /web-1\.20261121T120000Z\s+web-1\s+.*incremental\s+\S+\s+web-1\.20261120T120000Z\s+-\s+-/,
    );
  });

  it('verify: exit 0 when every file matches, 11 after one flipped byte; list shows the result', async () => {
    const ok = await hv(['backup', 'verify', 'web-1']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /web-1\.20261121T120000Z: ok \(1 files\)/);
    flipByte(join(target(), 'web-1', 'web-1.20261120T120000Z', 'vda.qcow2'), 100);
    const bad = await hv(['backup', 'verify', 'web-1.20261121T120000Z', 'web-1.20261120T120000Z', '--json']);
    assert.equal(bad.code, 11, bad.stderr);
    assert.equal(errorOf(bad).code, 'CHECK_FAILED');
    const out = JSON.parse(bad.stdout) as { results: { id: string; ok: boolean; problems: string[] }[] };
    const parent = out.results.find((r) => r.id === 'web-1.20261120T120000Z');
    assert.equal(parent?.ok, false);
    assert.match(parent.problems.join(' '), /SHA-256 .* differs/);
    const list = await hv(['backup', 'list', 'web-1']);
    assert.match(list.stdout, /web-1\.20261120T120000Z\s.*FAILED \d{4}-\d\d-\d\d/);
  });

  it('protect/unprotect, and prune --dry-run keeps protected backups and chains', async () => {
    const p = await hv(['backup', 'protect', 'web-1.20261122T120000Z']);
    assert.equal(p.code, 0, p.stderr);
    const dry = await hv([
      'backup',
      'prune',
      'web-1',
      '--keep-last',
      '1',
      '--dry-run',
      '--tz',
      'UTC',
      '--json',
    ]);
    assert.equal(dry.code, 0, dry.stderr);
    const r = JSON.parse(dry.stdout) as {
      vms: { decisions: { id: string; action: string; reason: string }[] }[];
    };
    assert.deepEqual(
      r.vms[0]?.decisions.map((d) => `${d.id} ${d.action} ${d.reason}`),
      [
        'web-1.20261122T120000Z keep protected',
        'web-1.20261121T120000Z keep keep-last',
        'web-1.20261120T120000Z keep kept: parent of web-1.20261121T120000Z',
      ],
    );
    const u = await hv(['backup', 'unprotect', 'web-1.20261122T120000Z', '--json']);
    assert.equal((JSON.parse(u.stdout) as { protected: boolean }).protected, false);
  });

  it('refusals exit with their documented codes', async () => {
    const cases: [string[], number, string][] = [
      [['backup', 'prune', 'web-1'], 4, 'USAGE'],
      [['backup', 'verify'], 4, 'USAGE'],
      [['backup', 'restore', 'web-1.1', '--keep-old'], 4, 'USAGE'],
      [['backup', 'protect', 'no-such-backup'], 8, 'STORAGE_NOT_FOUND'],
      [['backup', 'restore', 'no-such-backup', '--connect', 'test:///default'], 8, 'STORAGE_NOT_FOUND'],
      [['backup', 'create', 'no-such-vm', '--connect', 'test:///default'], 7, 'VM_NOT_FOUND'],
    ];
    for (const [args, exit, code] of cases) {
      const r = await hv([...args, '--json']);
      assert.equal(r.code, exit, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(errorOf(r).code, code, args.join(' '));
    }
  });

  it('a second backup of a VM while one runs is refused with LOCK_HELD (exit 10) naming the holder', async () => {
    mkdirSync(join(root, 'state', 'locks'), { recursive: true });
    const holder = {
      pid: process.pid,
      host: hostname(),
      command: 'hv backup create test',
      since: new Date().toISOString(),
    };
    writeFileSync(join(root, 'state', 'locks', 'backup-test.lock'), JSON.stringify(holder));
    const r = await hv(['backup', 'create', 'test', '--connect', 'test:///default', '--json']);
    assert.equal(r.code, 10, r.stderr);
    const e = errorOf(r);
    assert.equal(e.code, 'LOCK_HELD');
    assert.match(e.message, new RegExp(`pid ${process.pid} on ${hostname()} \\(hv backup create test`));
  });
});
