// Issue 7 benchmark: backups of a live TCG guest whose data disk holds 1 GiB of random data.
// (1) A full backup (uncompressed: libvirt push job, SHA-256 of every file, fsync, manifest) against
// `cp --sparse=always` of the same disk files followed by `sync` of the copies (both end durable),
// as throughput. (2) An incremental backup after 1% of the data disk's 64 KiB blocks changed, against
// the full one. (3) What zstd compression costs on incompressible data.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackupService } from '../src/core/backup/backup-service.js';
import type { CreatedBackup } from '../src/core/backup/create-backup.js';
import { openHost } from '../src/core/host/open-host.js';
import { openStateDb } from '../src/core/store/state-db.js';
import { guestExec } from '../test/helpers/guest-exec.js';
import {
  createOverlay,
  defineDomain,
  destroyAndUndefine,
  ensureTestGuest,
  GUEST_MARKERS,
  testGuestDomainXml,
  uniqueDomainName,
  virsh,
  waitForSerial,
} from '../test/helpers/test-guest.js';
import { hostInfo, saveResult, type Comparison } from './lib/results.js';

const DATA_MIB = 1024;
const RUNS = 3;
const MiB = 1024 * 1024;

function sh(cmd: string, args: readonly string[]): void {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

const rate = (bytes: number, seconds: number): string => `${(bytes / MiB / seconds).toFixed(0)} MiB/s`;

/** Time `cp --sparse=always` of `files` into `dest`, then `sync` of the copies (seconds: copy, sync). */
function timeCp(files: readonly string[], dest: string): { s: number; copy: number; sync: number } {
  mkdirSync(dest, { recursive: true });
  const t0 = performance.now();
  sh('cp', ['--sparse=always', ...files, dest]);
  const t1 = performance.now();
  sh(
    'sync',
    files.map((f) => join(dest, f.split('/').pop() ?? '')),
  );
  const t2 = performance.now();
  rmSync(dest, { recursive: true, force: true });
  return { s: (t2 - t0) / 1000, copy: (t1 - t0) / 1000, sync: (t2 - t1) / 1000 };
}

/** Time `dd` writing `mib` MiB of zeros into `file` in `bs`-sized writes (page cache only), then remove it. */
function timeDd(file: string, bs: '128K' | '1M', mib: number): number {
  const count = bs === '1M' ? mib : mib * 8;
  const t0 = performance.now();
  sh('dd', ['if=/dev/zero', `of=${file}`, `bs=${bs}`, `count=${count}`, 'status=none']);
  const s = (performance.now() - t0) / 1000;
  rmSync(file);
  return s;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * This machine, not hv: how fast 1 GiB goes into the page cache after 5 s idle, in cp's 128 KiB writes
 * and in the 1 MiB writes of QEMU's backup job (seconds). On kernels whose ext4 caches large folios, a
 * host that takes back idle free memory makes the large writes pay for it again.
 */
async function probePageCache(dir: string): Promise<{ kib128: number; mib1: number }> {
  await pause(5000);
  const kib128 = timeDd(join(dir, 'probe'), '128K', DATA_MIB);
  await pause(5000);
  const mib1 = timeDd(join(dir, 'probe'), '1M', DATA_MIB);
  return { kib128, mib1 };
}

/** Change 1% of the data disk's 64 KiB blocks (spread evenly, shifted by `round`) in the guest. */
async function changeOnePercent(vm: string, round: number): Promise<void> {
  const blocks = (DATA_MIB * 16) / 100;
  const stride = Math.floor((DATA_MIB * 16) / blocks);
  await guestExec(
    vm,
    `i=0; while [ $i -lt ${Math.floor(blocks)} ]; do ` +
      `dd if=/dev/urandom of=/dev/vdb bs=64k count=1 seek=$((i*${stride}+${round})) conv=notrunc 2>/dev/null; ` +
      'i=$((i+1)); done; sync',
    { timeoutMs: 600_000 },
  );
}

/** Run the benchmark and save bench/results/backup.json (and docs/performance.md). */
export async function run(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'hv-bench-backup-'));
  chmodSync(root, 0o755);
  const name = uniqueDomainName('bkbench');
  const client = await openHost('qemu:///system');
  const db = openStateDb(join(root, 'state', 'hv.db'));
  try {
    const guest = await ensureTestGuest();
    const boot = join(root, 'boot.qcow2');
    const data = join(root, 'data.qcow2');
    createOverlay(guest.diskImage, boot);
    sh('sh', ['-c', `head -c ${DATA_MIB}M /dev/urandom > ${root}/data.raw`]);
    sh('qemu-img', ['convert', '-f', 'raw', '-O', 'qcow2', join(root, 'data.raw'), data]);
    rmSync(join(root, 'data.raw'));
    const serialLog = join(root, 'serial.log');
    defineDomain(
      testGuestDomainXml({ name, bootFrom: 'disk', diskPath: boot, dataDiskPath: data, serialLog }),
    );
    virsh(['start', name]);
    await waitForSerial(serialLog, GUEST_MARKERS.ready, 300_000);
    mkdirSync(join(root, 'target'), { mode: 0o755 });
    const service = new BackupService(
      db,
      { backupDir: join(root, 'target'), compress: false, stateDir: join(root, 'state'), storageDir: root },
      client,
    );
    const signal = new AbortController().signal;
    const warn = (): void => undefined;
    /** A backup, its wall time and when each phase began (seconds from the start). */
    const backup = async (
      full: boolean,
      compress = false,
    ): Promise<{ b: CreatedBackup; s: number; phases: Record<string, number> }> => {
      const t0 = performance.now();
      const phases: Record<string, number> = {};
      const b = await service.create({
        vm: name,
        full,
        compress,
        spaceCheck: true,
        signal,
        warn,
        onProgress: (p) => {
          phases[p.phase] ??= Math.round(performance.now() - t0) / 1000;
        },
      });
      return { b, s: (performance.now() - t0) / 1000, phases };
    };
    const drop = (b: CreatedBackup): void => {
      rmSync(b.dir, { recursive: true, force: true });
      service.catalog.remove(b.id);
    };
    const sources = [guest.diskImage, boot, data];
    const cpBytes = sources.reduce((n, f) => n + statSync(f).size, 0);

    const fullRuns: { s: number; bytes: number; phases: Record<string, number> }[] = [];
    const cpRuns: { s: number; copy: number; sync: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const { b, s, phases } = await backup(true);
      fullRuns.push({ s, bytes: b.sizeBytes, phases });
      drop(b);
      cpRuns.push(timeCp(sources, join(root, 'cp')));
    }
    const fullS = median(fullRuns.map((r) => r.s));
    const fullBytes = median(fullRuns.map((r) => r.bytes));
    const cpS = median(cpRuns.map((r) => r.s));

    const probe = await probePageCache(root);

    const compressed = await backup(true, true);
    drop(compressed.b);

    const incRuns: { s: number; bytes: number; fullS: number; phases: Record<string, number> }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const base = await backup(true);
      await changeOnePercent(name, i + 1);
      const inc = await backup(false);
      if (inc.b.type !== 'incremental') throw new Error(`expected an incremental, got ${inc.b.type}`);
      incRuns.push({ s: inc.s, bytes: inc.b.sizeBytes, fullS: base.s, phases: inc.phases });
      drop(inc.b);
      drop(base.b);
    }
    const incS = median(incRuns.map((r) => r.s));
    const incFullS = median(incRuns.map((r) => r.fullS));

    const comparisons: Comparison[] = [
      {
        what: `full backup of a live VM (${DATA_MIB} MiB random data + boot disk), throughput vs cp --sparse=always + sync`,
        hv: `${rate(fullBytes, fullS)} (${fullS.toFixed(2)} s)`,
        peer: `${rate(cpBytes, cpS)} (${cpS.toFixed(2)} s)`,
        ratio: fullBytes / fullS / (cpBytes / cpS),
        goal: '≥ 0.8',
      },
      {
        what: `this machine, not hv: ${DATA_MIB} MiB into the page cache after 5 s idle, 1 MiB writes (QEMU's backup job) vs 128 KiB writes (cp)`,
        hv: `${probe.mib1.toFixed(2)} s`,
        peer: `${probe.kib128.toFixed(2)} s`,
        ratio: probe.kib128 / probe.mib1,
      },
      {
        what: 'incremental backup after 1% of the data blocks changed vs a full backup',
        hv: `${median(incRuns.map((r) => r.s)).toFixed(2)} s (${(median(incRuns.map((r) => r.bytes)) / MiB).toFixed(1)} MiB)`,
        peer: `${incFullS.toFixed(2)} s (full)`,
        ratio: incFullS / incS,
        goal: '≥ 10',
      },
      {
        what: 'cost of compression (zstd qcow2) on incompressible data: compressed full vs uncompressed full',
        hv: `${compressed.s.toFixed(2)} s (${(compressed.b.sizeBytes / MiB).toFixed(0)} MiB)`,
        peer: `${fullS.toFixed(2)} s (${(fullBytes / MiB).toFixed(0)} MiB)`,
        ratio: fullS / compressed.s,
      },
    ];
    saveResult({
      name: 'backup',
      title: 'Backups (issue 7): full vs cp, incremental vs full',
      date: new Date().toISOString().slice(0, 10),
      host: hostInfo(),
      comparisons,
      raw: {
        fullRuns,
        cpRuns,
        pageCacheProbe: probe,
        cpBytes,
        compressed: { s: compressed.s, bytes: compressed.b.sizeBytes },
        incRuns,
      },
    });
    for (const c of comparisons)
      console.log(`${c.what}: hv ${c.hv}, peer ${c.peer}, ratio ${c.ratio.toFixed(2)}`);
    console.log('cp runs (s): copy, then sync of the copies:', JSON.stringify(cpRuns));
    console.log(
      'phase start times (s), full:',
      JSON.stringify(fullRuns.map((r) => ({ ...r.phases, end: r.s }))),
    );
    console.log(
      'phase start times (s), incremental:',
      JSON.stringify(incRuns.map((r) => ({ ...r.phases, end: r.s }))),
    );
  } finally {
    destroyAndUndefine(name);
    await client.close();
    db.close();
    rmSync(root, { recursive: true, force: true });
  }
}
