// SnapshotApi, CheckpointApi and BackupApi against qemu:///system on one running test guest with a
// qcow2 disk (16 MiB of random data written at boot): internal snapshots (create, navigate, revert
// proven by guest state, delete), an external disk-only snapshot (create, delete = commit), a
// checkpoint on its own, then a full push backup with a checkpoint, an incremental one after the guest
// wrote 4 MiB more, and a pull-mode backup ended with ABORT_JOB. Backup files are checked with qemu-img.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LibvirtClient, LibvirtError, type DomainRef } from '../../src/libvirt/index.js';
import {
  DomainCheckpointDeleteFlags,
  DomainJobType,
  DomainSnapshotCreateFlags,
  DomainSnapshotDeleteFlags,
  DomainSnapshotListFlags,
  DomainState,
} from '../../src/libvirt/protocol/flags.js';
import { GUEST_MARKERS, startTestGuest, type RunningTestGuest } from '../helpers/test-guest.js';

const NOT_ROOT = process.getuid?.() !== 0 ? 'needs root (qemu:///system)' : false;
const MiB = 1024 * 1024;
const backupDir = `/var/lib/libvirt/images/hvtest-backup-${randomBytes(4).toString('hex')}`;

function qemuImg(...args: string[]): string {
  return execFileSync('qemu-img', args, { encoding: 'utf8' });
}

/** Format, virtual size, and the bytes of guest data the image itself holds (its allocated extents). */
function imageFacts(path: string): { format: string; virtualSize: number; dataBytes: number } {
  const info = JSON.parse(qemuImg('info', '-U', '--output=json', path)) as {
    format: string;
    'virtual-size': number;
  };
  const map = JSON.parse(qemuImg('map', '-U', '--output=json', path)) as {
    length: number;
    data: boolean;
    depth: number;
  }[];
  const dataBytes = map.filter((e) => e.data && e.depth === 0).reduce((n, e) => n + e.length, 0);
  return { format: info.format, virtualSize: info['virtual-size'], dataBytes };
}

/** uid/gid of the user QEMU runs as under qemu:///system (Debian: libvirt-qemu, others: qemu). */
function qemuUserIds(): { uid: number; gid: number } | undefined {
  for (const user of ['libvirt-qemu', 'qemu']) {
    try {
      const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
      return { uid, gid };
    } catch {
      // try the next name
    }
  }
  return undefined;
}

const pushBackupXml = (target: string, incremental?: string): string =>
  `<domainbackup mode='push'>${incremental ? `<incremental>${incremental}</incremental>` : ''}` +
  `<disks><disk name='vda' backup='yes' type='file'><target file='${target}'/><driver type='qcow2'/></disk></disks></domainbackup>`;
const checkpointXml = (name: string): string =>
  `<domaincheckpoint><name>${name}</name><disks><disk name='vda' checkpoint='bitmap'/></disks></domaincheckpoint>`;

describe(
  'snapshots, checkpoints and backups on qemu:///system with the test guest',
  { skip: NOT_ROOT },
  () => {
    let client: LibvirtClient;
    let guest: RunningTestGuest | undefined;
    let dom: DomainRef;
    const figures: string[] = [];

    /** Runs `sh -c cmd` in the guest through the agent; resolves with its exit code. */
    async function guestSh(cmd: string): Promise<number> {
      const exec = {
        execute: 'guest-exec',
        arguments: { path: '/bin/sh', arg: ['-c', cmd], 'capture-output': true },
      };
      const started = JSON.parse(
        (await client.domains.agentCommand(dom, JSON.stringify(exec), 30)) ?? '{}',
      ) as {
        return: { pid: number };
      };
      for (;;) {
        const status = { execute: 'guest-exec-status', arguments: { pid: started.return.pid } };
        const s = JSON.parse(
          (await client.domains.agentCommand(dom, JSON.stringify(status), 30)) ?? '{}',
        ) as {
          return: { exited: boolean; exitcode?: number };
        };
        if (s.return.exited) return s.return.exitcode ?? -1;
        await sleep(50);
      }
    }

    /** Waits until the guest agent answers (after boot, or after a revert restored the guest's RAM). */
    async function agentReady(timeoutMs = 30_000): Promise<void> {
      const start = performance.now();
      for (;;) {
        try {
          await client.domains.agentCommand(dom, '{"execute":"guest-ping"}', 2);
          return;
        } catch (err) {
          if (performance.now() - start > timeoutMs) throw err;
          await sleep(200);
        }
      }
    }

    async function timed<T>(label: string, f: () => Promise<T>): Promise<T> {
      const t = performance.now();
      const r = await f();
      figures.push(`${label} ${(performance.now() - t).toFixed(0)} ms`);
      return r;
    }

    before(async () => {
      mkdirSync(backupDir, { mode: 0o755 });
      chmodSync(backupDir, 0o755);
      // QEMU itself (not libvirt) binds the pull-mode NBD socket, so its user must own the directory.
      const qemuUser = qemuUserIds();
      if (qemuUser) chownSync(backupDir, qemuUser.uid, qemuUser.gid);
      else chmodSync(backupDir, 0o777);
      client = await LibvirtClient.connect('qemu:///system');
      guest = await startTestGuest({
        label: 'snap',
        diskMiB: 128,
        kernelArgs: 'probe.dd=16',
        waitFor: GUEST_MARKERS.ready,
      });
      dom = await client.domains.lookupByName(guest.name);
      await agentReady();
    });

    after(async () => {
      if (figures.length > 0) console.log(`# snapshot/backup figures: ${figures.join('; ')}`);
      await client.backups.abortJob(dom).catch(() => undefined);
      guest?.dispose();
      rmSync(backupDir, { recursive: true, force: true });
      await client.close();
    });

    it('internal snapshots: create with RAM, navigate, revert restores the guest, delete', async () => {
      assert.equal(await client.snapshots.hasCurrentSnapshot(dom), false);
      const s1 = await timed('internal snapshot create', () =>
        client.snapshots.createXml(dom, '<domainsnapshot><name>s1</name></domainsnapshot>'),
      );
      assert.equal(s1.name, 's1');
      const xml = await client.snapshots.getXmlDesc(s1);
      assert.match(xml, /<state>running<\/state>/);
      assert.match(xml, /<memory snapshot='internal'\/>/);
      assert.match(qemuImg('snapshot', '-U', '-l', guest!.diskPath!), /\bs1\b/);

      // Something that exists only after s1: a file in the guest's RAM-backed /tmp.
      assert.equal(await guestSh('echo after-s1 > /tmp/hv-marker'), 0);
      assert.equal(await guestSh('test -e /tmp/hv-marker'), 0);

      const s2 = await client.snapshots.createXml(dom, '<domainsnapshot><name>s2</name></domainsnapshot>');
      assert.equal((await client.snapshots.getParent(s2)).name, 's1');
      assert.deepEqual(
        (await client.snapshots.listAllChildren(s1)).map((s) => s.name),
        ['s2'],
      );
      assert.equal((await client.snapshots.current(dom)).name, 's2');
      assert.deepEqual(
        (await client.snapshots.listAll(dom, DomainSnapshotListFlags.INTERNAL)).map((s) => s.name).sort(),
        ['s1', 's2'],
      );

      await timed('internal snapshot revert', () => client.snapshots.revert(s1));
      assert.equal((await client.domains.getState(dom)).state, DomainState.RUNNING);
      assert.equal((await client.snapshots.current(dom)).name, 's1');
      await agentReady();
      assert.equal(await guestSh('test -e /tmp/hv-marker'), 1, 'the revert brought back the RAM of s1');

      await timed('internal snapshot delete (with child)', () =>
        client.snapshots.delete(s1, DomainSnapshotDeleteFlags.CHILDREN),
      );
      assert.deepEqual(await client.snapshots.listAll(dom), []);
      assert.doesNotMatch(qemuImg('snapshot', '-U', '-l', guest!.diskPath!), /\bs1\b/);
    });

    it('external disk-only snapshot: the overlay becomes the disk, delete commits it back', async () => {
      const base = guest!.diskPath!;
      const overlay = join(guest!.workDir, 'disk.e1.qcow2');
      const xml =
        `<domainsnapshot><name>e1</name><disks><disk name='vda' snapshot='external'>` +
        `<source file='${overlay}'/></disk></disks></domainsnapshot>`;
      const flags = DomainSnapshotCreateFlags.DISK_ONLY | DomainSnapshotCreateFlags.ATOMIC;
      const e1 = await timed('external disk-only snapshot create', () =>
        client.snapshots.createXml(dom, xml, flags),
      );
      assert.ok(existsSync(overlay));
      assert.match(await client.domains.getXmlDesc(dom), new RegExp(`<source file='${overlay}'`));
      assert.deepEqual(
        (await client.snapshots.listAll(dom, DomainSnapshotListFlags.EXTERNAL)).map((s) => s.name),
        ['e1'],
      );
      assert.match(await client.snapshots.getXmlDesc(e1), /<disk name='vda' snapshot='external'/);

      await timed('external snapshot delete (block commit)', () => client.snapshots.delete(e1));
      assert.deepEqual(await client.snapshots.listAll(dom), []);
      assert.match(await client.domains.getXmlDesc(dom), new RegExp(`<source file='${base}'`));
      assert.equal(existsSync(overlay), false);
    });

    it('a checkpoint on its own: create, list, read, delete', async () => {
      const cp = await client.checkpoints.createXml(dom, checkpointXml('cp0'));
      assert.deepEqual(
        (await client.checkpoints.listAll(dom)).map((c) => c.name),
        ['cp0'],
      );
      assert.equal((await client.checkpoints.lookupByName(dom, 'cp0')).name, 'cp0');
      assert.match(await client.checkpoints.getXmlDesc(cp), /<disk name='vda' checkpoint='bitmap'/);
      await client.checkpoints.delete(cp);
      assert.deepEqual(await client.checkpoints.listAll(dom), []);
    });

    it('full push backup with a checkpoint, then an incremental one holding only the new data', async () => {
      const jobEvents = await client.events.domainJobCompleted();
      try {
        const full = join(backupDir, 'full.qcow2');
        await timed('full backup begin', () =>
          client.backups.begin(dom, pushBackupXml(full), checkpointXml('cp1')),
        );
        const done = await timed('full backup job', () =>
          client.backups.waitForCompletion(dom, { intervalMs: 50 }),
        );
        assert.equal(done.type, DomainJobType.COMPLETED);
        assert.equal(done.stats.operation, 9 /* BACKUP */);
        const ev = await jobEvents.next();
        assert.equal(ev.done, false);
        assert.equal(ev.value.dom.name, dom.name);

        const fullFacts = imageFacts(full);
        assert.equal(fullFacts.format, 'qcow2');
        assert.equal(fullFacts.virtualSize, 128 * MiB);
        assert.ok(fullFacts.dataBytes >= 16 * MiB, `full backup holds ${fullFacts.dataBytes} bytes`);

        assert.equal(await guestSh('dd if=/dev/urandom of=/dev/vda bs=1M count=4 seek=64 conv=fsync'), 0);

        const inc = join(backupDir, 'inc1.qcow2');
        await timed('incremental backup begin', () =>
          client.backups.begin(dom, pushBackupXml(inc, 'cp1'), checkpointXml('cp2')),
        );
        const incDone = await timed('incremental backup job', () =>
          client.backups.waitForCompletion(dom, { intervalMs: 50 }),
        );
        assert.equal(incDone.type, DomainJobType.COMPLETED);
        const incFacts = imageFacts(inc);
        assert.equal(incFacts.format, 'qcow2');
        assert.ok(incFacts.dataBytes >= 4 * MiB, `incremental holds ${incFacts.dataBytes} bytes`);
        assert.ok(
          incFacts.dataBytes < fullFacts.dataBytes,
          `incremental ${incFacts.dataBytes} < full ${fullFacts.dataBytes}`,
        );
        figures.push(
          `full backup data ${(fullFacts.dataBytes / MiB).toFixed(1)} MiB, incremental ${(incFacts.dataBytes / MiB).toFixed(1)} MiB`,
        );

        const cps = await client.checkpoints.listAll(dom, 2 /* TOPOLOGICAL */);
        assert.deepEqual(
          cps.map((c) => c.name),
          ['cp1', 'cp2'],
        );
        assert.equal((await client.checkpoints.getParent(cps[1]!)).name, 'cp1');
      } finally {
        await jobEvents.return?.();
      }
    });

    it('pull-mode backup: XML readable while it runs, job unbounded, ended by ABORT_JOB', async () => {
      const socket = join(backupDir, 'nbd.sock');
      const xml =
        `<domainbackup mode='pull'><incremental>cp2</incremental><server transport='unix' socket='${socket}'/>` +
        `<disks><disk name='vda' backup='yes' type='file'><scratch file='${join(backupDir, 'scratch.qcow2')}'/></disk></disks></domainbackup>`;
      await client.backups.begin(dom, xml);
      const desc = await client.backups.getXmlDesc(dom);
      assert.match(desc, /<domainbackup mode='pull'>/);
      assert.match(desc, /<incremental>cp2<\/incremental>/);
      const running = await client.backups.getJobStats(dom);
      assert.equal(running.type, DomainJobType.UNBOUNDED);
      assert.equal(running.stats.operation, 9 /* BACKUP */);
      assert.ok(existsSync(socket), 'the NBD export socket exists');

      await client.backups.abortJob(dom);
      await client.backups.waitForCompletion(dom, { intervalMs: 50, timeoutMs: 30_000 });
      assert.equal((await client.backups.getJobStats(dom)).type, DomainJobType.NONE);
      await assert.rejects(client.backups.getXmlDesc(dom), (err: unknown) => {
        assert.ok(err instanceof LibvirtError && err.isNoDomainBackup(), String(err));
        return true;
      });

      await client.checkpoints.delete(
        await client.checkpoints.lookupByName(dom, 'cp1'),
        DomainCheckpointDeleteFlags.CHILDREN,
      );
      assert.deepEqual(await client.checkpoints.listAll(dom), []);
    });
  },
);
