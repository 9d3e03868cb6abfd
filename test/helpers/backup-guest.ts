// Backup fault tests need a guest whose data disk already holds lots of data when it boots (so a full
// backup job runs long enough to be interrupted), and a way to slow a running libvirt backup job down
// (QMP block-job-set-speed) so a kill or Ctrl-C lands while QEMU is still writing.
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTestGuest } from './guest-build.js';
import { createBlankDisk, createOverlay } from './guest-disk.js';
import { testGuestDomainXml } from './guest-domain-xml.js';
import { GUEST_MARKERS, waitForSerial } from './guest-serial.js';
import { defineDomain, destroyAndUndefine, uniqueDomainName, virsh } from './guest-virsh.js';

/** A booted disk-boot test guest with a pre-filled data disk (vdb). */
export interface DataGuest {
  name: string;
  workDir: string;
  dataDiskPath: string;
  dispose: () => void;
}

/** Boot the test guest from its disk with a `dataMiB` data disk whose first `fillMiB` hold a byte pattern. */
export async function startGuestWithData(
  label: string,
  dataMiB: number,
  fillMiB: number,
): Promise<DataGuest> {
  const guest = await ensureTestGuest();
  const name = uniqueDomainName(label);
  const workDir = mkdtempSync(join(tmpdir(), `${name}-`));
  chmodSync(workDir, 0o755);
  let defined = false;
  const dispose = (): void => {
    if (defined) destroyAndUndefine(name);
    defined = false;
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    const disk = join(workDir, 'boot.qcow2');
    const data = join(workDir, 'data.qcow2');
    createOverlay(guest.diskImage, disk);
    createBlankDisk(data, dataMiB);
    const io = spawnSync('qemu-io', ['-c', `write -P 0x5a 0 ${fillMiB}M`, data], { encoding: 'utf8' });
    if (io.status !== 0) throw new Error(`qemu-io: ${io.stderr}`);
    const serialLog = join(workDir, 'serial.log');
    defineDomain(
      testGuestDomainXml({ name, bootFrom: 'disk', diskPath: disk, dataDiskPath: data, serialLog }),
    );
    defined = true;
    virsh(['start', name]);
    await waitForSerial(serialLog, GUEST_MARKERS.ready, 180_000);
    return { name, workDir, dataDiskPath: data, dispose };
  } catch (err) {
    dispose();
    throw err;
  }
}

const execFileP = promisify(execFile);

async function qmp(uri: string, domain: string, command: object): Promise<unknown> {
  const { stdout } = await execFileP('virsh', [
    '-c',
    uri,
    'qemu-monitor-command',
    domain,
    JSON.stringify(command),
  ]);
  return (JSON.parse(stdout) as { return: unknown }).return;
}

/**
 * Wait (polling QMP) for the domain's backup block jobs to appear and set their speed to
 * `bytesPerSecond`. Resolves true once throttled, false when `stillWanted()` turns false first (the
 * backup process ended) or nothing appeared within `timeoutMs`.
 */
export async function throttleBackupJobs(
  domain: string,
  bytesPerSecond: number,
  opts: { uri?: string; timeoutMs?: number; stillWanted?: () => boolean } = {},
): Promise<boolean> {
  const uri = opts.uri ?? 'qemu:///system';
  const deadline = performance.now() + (opts.timeoutMs ?? 60_000);
  while (performance.now() < deadline && (opts.stillWanted?.() ?? true)) {
    const jobs = (await qmp(uri, domain, { execute: 'query-block-jobs' })) as {
      device: string;
      type: string;
    }[];
    const backups = jobs.filter((j) => j.type === 'backup');
    let throttled = false;
    for (const j of backups) {
      const args = { device: j.device, speed: bytesPerSecond };
      // A job may end between the query and this call (the small boot disk's often does).
      throttled =
        (await qmp(uri, domain, { execute: 'block-job-set-speed', arguments: args }).then(
          () => true,
          () => false,
        )) || throttled;
    }
    if (throttled) return true;
  }
  return false;
}
