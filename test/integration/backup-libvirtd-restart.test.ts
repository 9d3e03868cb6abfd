// libvirtd restarted in the middle of a live backup, on a PRIVATE second libvirtd (never the shared one):
// the backup either completes after the daemon is back (libvirt keeps QEMU's job across restarts) or
// fails cleanly; either way no partial directory, no orphan checkpoint and no running job are left,
// every catalogued backup verifies, and the next backup works. One TCG guest, under that daemon.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BackupService } from '../../src/core/backup/backup-service.js';
import type { CreatedBackup } from '../../src/core/backup/create-backup.js';
import { openHost } from '../../src/core/host/open-host.js';
import { openStateDb, type StateDb } from '../../src/core/store/state-db.js';
import { HvError } from '../../src/core/errors/index.js';
import type { DomainRef, LibvirtClient } from '../../src/libvirt/index.js';
import { imageContentSha256 } from '../helpers/backup-images.js';
import { throttleBackupJobs } from '../helpers/backup-guest.js';
import { startSecondLibvirtd, type SecondLibvirtd } from '../helpers/second-libvirtd.js';
import {
  createBlankDisk,
  createOverlay,
  ensureTestGuest,
  GUEST_MARKERS,
  testGuestDomainXml,
  uniqueDomainName,
  waitForSerial,
} from '../helpers/test-guest.js';

const NOT_ROOT = process.getuid?.() !== 0 ? 'needs root (starts its own libvirtd)' : false;
const execFileP = promisify(execFile);

describe('libvirtd restarted during a backup (private daemon)', { skip: NOT_ROOT, timeout: 600_000 }, () => {
  let daemon: SecondLibvirtd;
  let client: LibvirtClient;
  let dom: DomainRef;
  let db: StateDb;
  let service: BackupService;
  let root = '';
  const name = uniqueDomainName('bkrestart');
  const warnings: string[] = [];
  const warn = (m: string): void => {
    warnings.push(m);
  };
  const signal = new AbortController().signal;

  async function hvCheckpoints(): Promise<string[]> {
    return (await client.checkpoints.listAll(dom)).map((c) => c.name);
  }

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'hv-backup-restart-'));
    chmodSync(root, 0o755);
    mkdirSync(join(root, 'target'), { mode: 0o755 });
    daemon = await startSecondLibvirtd();
    client = await openHost(daemon.qemuUri, { reconnect: true });
    const guest = await ensureTestGuest();
    createOverlay(guest.diskImage, join(root, 'boot.qcow2'));
    createBlankDisk(join(root, 'data.qcow2'), 512);
    const io = spawnSync('qemu-io', ['-c', 'write -P 0x5a 0 512M', join(root, 'data.qcow2')], {
      encoding: 'utf8',
    });
    assert.equal(io.status, 0, io.stderr);
    const serialLog = join(root, 'serial.log');
    dom = await client.domains.defineXml(
      testGuestDomainXml({
        name,
        bootFrom: 'disk',
        diskPath: join(root, 'boot.qcow2'),
        dataDiskPath: join(root, 'data.qcow2'),
        serialLog,
      }),
    );
    await client.domains.createWithFlags(dom);
    await waitForSerial(serialLog, GUEST_MARKERS.ready, 180_000);
    db = openStateDb(join(root, 'state', 'hv.db'));
    service = new BackupService(
      db,
      {
        backupDir: join(root, 'target'),
        compress: false,
        stateDir: join(root, 'state'),
        storageDir: join(root, 'restore'),
      },
      client,
    );
  });

  after(async () => {
    try {
      await client.domains.destroyFlags(dom).catch(() => undefined);
      await client.domains.undefine(dom, 2 | 16).catch(() => undefined);
      await client.close();
    } finally {
      db.close();
      await daemon.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('leaves a consistent catalog, no leftovers, and a working chain', async () => {
    const base = await service.create({ vm: name, full: false, spaceCheck: true, signal, warn });
    assert.equal(base.type, 'full');
    let finished = false;
    const running = service.create({ vm: name, full: true, spaceCheck: true, signal, warn }).then(
      (b): CreatedBackup | HvError => b,
      (e: unknown): CreatedBackup | HvError =>
        e instanceof HvError ? e : new HvError('INTERNAL', String(e)),
    );
    void running.then(() => (finished = true));
    const throttled = await throttleBackupJobs(name, 1024 * 1024, {
      uri: daemon.qemuUri,
      stillWanted: () => !finished,
    });
    assert.ok(throttled, 'the backup job was slowed down before it ended');
    await daemon.kill();
    await daemon.restart();
    // Let the job finish at full speed now that libvirtd is back (if it kept the job).
    await execFileP('virsh', [
      '-c',
      daemon.qemuUri,
      'qemu-monitor-command',
      name,
      '{"execute":"query-block-jobs"}',
    ])
      .then(async ({ stdout }) => {
        for (const j of (JSON.parse(stdout) as { return: { device: string }[] }).return) {
          await execFileP('virsh', [
            '-c',
            daemon.qemuUri,
            'qemu-monitor-command',
            name,
            JSON.stringify({ execute: 'block-job-set-speed', arguments: { device: j.device, speed: 0 } }),
          ]).catch(() => undefined);
        }
      })
      .catch(() => undefined);
    const outcome = await running;
    const listed = service.list(name);
    // libvirt 9.0 keeps QEMU's backup job across the restart, so on this host the backup completes.
    if (outcome instanceof HvError) {
      assert.deepEqual(
        listed.map((b) => b.id),
        [base.id],
        `failed cleanly (${outcome.code}: ${outcome.message})`,
      );
    } else {
      assert.deepEqual(
        listed.map((b) => b.id),
        [base.id, outcome.id],
      );
      // The guest never writes vdb: the full backup taken across the restart must equal the source.
      assert.equal(
        imageContentSha256(join(outcome.dir, 'vdb.qcow2')),
        imageContentSha256(join(root, 'data.qcow2')),
      );
    }
    assert.deepEqual(
      readdirSync(join(root, 'target', name)).filter((n) => n.startsWith('.')),
      [],
    );
    assert.equal((await client.backups.getJobStats(dom)).type, 0, 'no job left running');
    const newest = listed.at(-1);
    assert.deepEqual(await hvCheckpoints(), [`hv-backup-${newest?.id ?? ''}`]);
    assert.ok((await service.verify({ vms: [name], signal })).every((r) => r.ok));
    const next = await service.create({ vm: name, full: false, spaceCheck: true, signal, warn });
    assert.equal(next.type, 'incremental');
    assert.equal(next.parent, newest?.id);
  });
});
