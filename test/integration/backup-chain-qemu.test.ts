// Backups of a real tiny guest (TCG) through BackupService on qemu:///system: a full backup, more data,
// an incremental; each point restored under a new name and compared by checksum with what the guest
// read at backup time; verify finds a flipped byte; a boot test; prune keeps chains; an offline backup
// of the stopped VM restored in place, after which the next backup is full. One guest boot.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackupService } from '../../src/core/backup/backup-service.js';
import type { CreatedBackup } from '../../src/core/backup/create-backup.js';
import { openHost } from '../../src/core/host/open-host.js';
import { imageInfo } from '../../src/core/backup/qemu-img.js';
import { openStateDb, type StateDb } from '../../src/core/store/state-db.js';
import type { HvError } from '../../src/core/errors/index.js';
import type { LibvirtClient } from '../../src/libvirt/index.js';
import { flipByte, imageContentSha256 } from '../helpers/backup-images.js';
import { guestDeviceSha256, guestExec } from '../helpers/guest-exec.js';
import { destroyAndUndefine, startTestGuest, virsh, type RunningTestGuest } from '../helpers/test-guest.js';

let guest: RunningTestGuest;
let root = '';
let db: StateDb;
let client: LibvirtClient;
let service: BackupService;
const restored: string[] = [];
const warnings: string[] = [];
const signal = new AbortController().signal;
const warn = (m: string): void => {
  warnings.push(m);
};

function create(full = false): Promise<CreatedBackup> {
  return service.create({ vm: guest.name, full, spaceCheck: true, signal, warn });
}

function checkpoints(): string[] {
  return virsh(['checkpoint-list', guest.name, '--name'])
    .stdout.split('\n')
    .filter((l) => l.trim() !== '');
}

function restoredDisk(name: string, target: string): string {
  return join(root, 'restore', `${name}-${target}.qcow2`);
}

describe('backup chain on a real guest', { timeout: 600_000 }, () => {
  let full: CreatedBackup;
  let inc: CreatedBackup;
  let atFull = '';
  let atInc = '';
  let third: CreatedBackup;
  let atThird = '';

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'hv-backup-chain-'));
    chmodSync(root, 0o755);
    for (const d of ['target', 'restore', 'scratch']) mkdirSync(join(root, d), { mode: 0o755 });
    guest = await startTestGuest({
      label: 'bkchain',
      bootFrom: 'disk',
      dataDiskMiB: 32,
      kernelArgs: 'probe.dd=8',
      network: 'user',
    });
    db = openStateDb(join(root, 'state', 'hv.db'));
    client = await openHost('qemu:///system');
    service = new BackupService(
      db,
      {
        backupDir: join(root, 'target'),
        compress: true,
        stateDir: join(root, 'state'),
        storageDir: join(root, 'restore'),
      },
      client,
    );
  });

  after(async () => {
    for (const name of restored) destroyAndUndefine(name);
    guest.dispose();
    await client.close();
    db.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('takes a full backup of the running VM, with a checkpoint for the next one', async () => {
    atFull = await guestDeviceSha256(guest.name, '/dev/vdb');
    full = await create();
    assert.equal(full.type, 'full');
    assert.match(full.fullReason ?? '', /no earlier live backup/);
    assert.equal(full.parent, null);
    assert.deepEqual(readdirSync(full.dir).sort(), ['manifest.json', 'vda.qcow2', 'vdb.qcow2']);
    assert.deepEqual(checkpoints(), [`hv-backup-${full.id}`]);
    assert.equal(service.list(guest.name).length, 1);
  });

  it('takes an incremental after more data is written, and retires the older checkpoint', async () => {
    // 4 MiB of new random data, and 1 MiB of the old random data overwritten with zeros
    await guestExec(
      guest.name,
      'dd if=/dev/urandom of=/dev/vdb bs=1M count=4 seek=12 conv=fsync 2>/dev/null && ' +
        'dd if=/dev/zero of=/dev/vdb bs=1M count=1 seek=2 conv=fsync 2>/dev/null && sync',
    );
    atInc = await guestDeviceSha256(guest.name, '/dev/vdb');
    assert.notEqual(atInc, atFull);
    inc = await create();
    assert.equal(inc.type, 'incremental');
    assert.equal(inc.parent, full.id);
    assert.ok(
      inc.sizeBytes < full.sizeBytes / 2,
      `incremental ${inc.sizeBytes} B vs full ${full.sizeBytes} B`,
    );
    assert.deepEqual(checkpoints(), [`hv-backup-${inc.id}`]);
  });

  it('restores each point under a new name with the data the guest had at that time', async () => {
    for (const [b, expected, name] of [
      [full, atFull, `${guest.name}-r1`],
      [inc, atInc, `${guest.name}-r2`],
    ] as const) {
      const r = await service.restore({ id: b.id, as: name, dir: join(root, 'restore'), signal, warn });
      restored.push(name);
      assert.equal(r.newIdentity, true);
      assert.equal(imageContentSha256(restoredDisk(name, 'vdb')), expected, `data disk of ${b.id}`);
      const xml = virsh(['dumpxml', '--inactive', name]).stdout;
      assert.match(xml, new RegExp(`<source file='${restoredDisk(name, 'vdb')}'/>`));
      const mac = /<mac address='([^']+)'/.exec(xml)?.[1];
      const origMac = /<mac address='([^']+)'/.exec(virsh(['dumpxml', '--inactive', guest.name]).stdout)?.[1];
      assert.ok(mac !== undefined && origMac !== undefined && mac !== origMac, `MAC ${mac} vs ${origMac}`);
      assert.notEqual(virsh(['domuuid', name]).stdout.trim(), virsh(['domuuid', guest.name]).stdout.trim());
    }
  });

  it('refuses to restore over an existing name, and over a running VM even with --in-place', async () => {
    await assert.rejects(
      service.restore({ id: inc.id, signal, warn }),
      (e: HvError) => e.code === 'ALREADY_EXISTS',
    );
    await assert.rejects(
      service.restore({ id: inc.id, inPlace: true, signal, warn }),
      (e: HvError) => e.code === 'VM_STATE_INVALID' && /running/.test(e.message),
    );
  });

  it('verify passes, then finds one flipped byte, records it, and restore refuses the damaged chain', async () => {
    const ok = await service.verify({ vms: [guest.name], signal });
    assert.deepEqual(
      ok.map((r) => r.ok),
      [true, true],
    );
    const file = join(inc.dir, 'vdb.qcow2');
    const offset = flipByte(file);
    try {
      const [bad] = await service.verify({ ids: [inc.id], signal });
      assert.equal(bad?.ok, false);
      assert.match(bad.problems.join('\n'), /vdb\.qcow2: SHA-256 [0-9a-f]{64} differs from the manifest's/);
      const entry = service.catalog.get(inc.id);
      assert.equal(entry?.verifyResult, 'failed');
      assert.equal(service.catalog.get(full.id)?.verifyResult, 'ok');
      await assert.rejects(
        service.restore({ id: inc.id, as: `${guest.name}-bad`, dir: join(root, 'restore'), signal, warn }),
        (e: HvError) => e.code === 'CHECKSUM_MISMATCH',
      );
      assert.equal(existsSync(restoredDisk(`${guest.name}-bad`, 'vdb')), false);
    } finally {
      flipByte(file, offset);
    }
    assert.equal((await service.verify({ ids: [inc.id], signal }))[0]?.ok, true);
  });

  it('boot-tests the incremental in a throwaway VM and removes it', async () => {
    const r = await service.bootTest({
      id: inc.id,
      marker: 'HV-TEST-GUEST-READY',
      scratchDir: join(root, 'scratch'),
      timeoutMs: 180_000,
      signal,
      warn,
    });
    assert.equal(r.ok, true, r.detail);
    assert.equal(r.sign, 'serial-marker');
    assert.equal(virsh(['domstate', r.vm], true).status === 0, false, 'boot-test VM removed');
    assert.deepEqual(readdirSync(join(root, 'scratch')), []);
    assert.match(service.catalog.get(inc.id)?.verifyDetail ?? '', /^boot test ok/);
  });

  it('boot-tests without a serial marker through the guest agent (the way for real guests)', async () => {
    const r = await service.bootTest({
      id: full.id,
      scratchDir: join(root, 'scratch'),
      timeoutMs: 180_000,
      signal,
      warn,
    });
    assert.equal(r.ok, true, r.detail);
    assert.equal(r.sign, 'guest-agent');
    assert.match(r.detail, /guest agent answered/);
    assert.deepEqual(readdirSync(join(root, 'scratch')), []);
  });

  it('uncompressed: an incremental into the target hv made (no backing file) verifies and restores, zeros included', async () => {
    // new data at 2.5 MiB, and zeros over 128 KiB of the data the parent (inc) holds at 12.5 MiB
    await guestExec(
      guest.name,
      'dd if=/dev/urandom of=/dev/vdb bs=64k count=3 seek=40 conv=fsync 2>/dev/null && ' +
        'dd if=/dev/zero of=/dev/vdb bs=64k count=2 seek=200 conv=fsync 2>/dev/null && sync',
    );
    atThird = await guestDeviceSha256(guest.name, '/dev/vdb');
    third = await service.create({
      vm: guest.name,
      full: false,
      compress: false,
      spaceCheck: true,
      signal,
      warn,
    });
    assert.equal(third.type, 'incremental');
    assert.equal(third.parent, inc.id);
    const [top] = await imageInfo(join(third.dir, 'vdb.qcow2'));
    assert.equal(top?.format, 'qcow2');
    assert.equal(top.backingFile, undefined, 'the backup file names no backing file');
    assert.ok(third.sizeBytes < 4 * 1024 * 1024, `uncompressed incremental is ${third.sizeBytes} B`);
    assert.equal((await service.verify({ ids: [third.id], signal }))[0]?.ok, true);
    const name = `${guest.name}-r3`;
    await service.restore({ id: third.id, as: name, dir: join(root, 'restore'), signal, warn });
    restored.push(name);
    assert.equal(imageContentSha256(restoredDisk(name, 'vdb')), atThird);
  });

  it('prune never breaks a chain: keep-last 1 keeps the parents of the newest', async () => {
    assert.equal(third.parent, inc.id);
    const [dry] = await service.prune({
      vms: [guest.name],
      options: { keepLast: 1 },
      timeZone: 'UTC',
      dryRun: true,
      warn,
    });
    assert.deepEqual(
      dry?.decisions.map((d) => `${d.id} ${d.action} ${d.reason}`),
      [
        `${third.id} keep keep-last`,
        `${inc.id} keep kept: parent of ${third.id}`,
        `${full.id} keep kept: parent of ${inc.id}`,
      ],
    );
    const newFull = await create(true);
    assert.equal(newFull.type, 'full');
    const [real] = await service.prune({
      vms: [guest.name],
      options: { keepLast: 1 },
      timeZone: 'UTC',
      dryRun: false,
      warn,
    });
    assert.deepEqual(real?.removed.sort(), [full.id, inc.id, third.id].sort());
    assert.deepEqual(
      service.list(guest.name).map((e) => e.id),
      [newFull.id],
    );
    assert.deepEqual(readdirSync(join(root, 'target', guest.name)), [newFull.id]);
  });

  it('backs up the stopped VM offline, restores it in place, and the next backup is full', async () => {
    virsh(['destroy', guest.name]);
    const offline = await create();
    assert.equal(offline.type, 'full');
    assert.equal(offline.consistency, 'offline');
    assert.equal(service.catalog.get(offline.id)?.checkpoint, null);
    const oldData = guest.dataDiskPath ?? '';
    const r = await service.restore({ id: offline.id, inPlace: true, signal, warn });
    assert.equal(r.newIdentity, false);
    assert.ok(r.removedOld.includes(oldData), `old disks removed: ${r.removedOld.join(', ')}`);
    assert.equal(existsSync(oldData), false);
    const vdb = r.disks.find((d) => d.target === 'vdb')?.file ?? '';
    assert.equal(imageContentSha256(vdb), atThird, 'the data as last written');
    assert.deepEqual(checkpoints(), [], 'checkpoints of the replaced disks are gone');
    virsh(['start', guest.name]);
    const next = await create();
    assert.equal(next.type, 'full');
    assert.match(next.fullReason ?? '', /gone from the VM/);
  });
});
