// One call that boots a test guest in libvirt and hands back what a test needs, plus a dispose()
// that removes every trace (domain, disks, logs), also when the boot itself failed.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureTestGuest } from './guest-build.js';
import { createBlankDisk, createOverlay } from './guest-disk.js';
import { testGuestDomainXml, type TestGuestDomainOptions } from './guest-domain-xml.js';
import { GUEST_MARKERS, waitForSerial } from './guest-serial.js';
import { defineDomain, destroyAndUndefine, uniqueDomainName, virsh, waitForDomState } from './guest-virsh.js';

/** What to boot; disks are created for you in a fresh work directory. */
export interface StartTestGuestOptions extends Pick<
  TestGuestDomainOptions,
  'virtType' | 'memoryMiB' | 'kernelArgs' | 'network' | 'agent' | 'onCrash'
> {
  /** Part of the domain name: `hvtest-<label>-<random>`. */
  label: string;
  /** 'kernel' (default, fastest) or 'disk' (a qcow2 overlay of the bootable guest disk as vda). */
  bootFrom?: 'kernel' | 'disk';
  /** Kernel boot only: add a blank first disk (vda) of this many MiB. */
  diskMiB?: number;
  /** Add a blank data disk (vdb after a first disk, else vda) of this many MiB. */
  dataDiskMiB?: number;
  /** Marker to wait for after `virsh start`; default `HV-TEST-GUEST-READY`; false: do not wait. */
  waitFor?: string | RegExp | false;
  /** Default 120 000 (a TCG boot takes 3-7 s on an idle 2-core machine). */
  timeoutMs?: number;
}

/** A defined and started test guest. */
export interface RunningTestGuest {
  name: string;
  /** Directory (mode 0755, so QEMU can enter it) holding the disks and the serial log. */
  workDir: string;
  serialLog: string;
  diskPath?: string;
  dataDiskPath?: string;
  /** The line that matched `waitFor`, if any. */
  readyLine?: string;
  /** Milliseconds from `virsh start` to the `waitFor` marker (0 when not waiting). */
  bootMs: number;
  /** `virsh shutdown --mode acpi`, then waits for 'shut off'; resolves with the ms it took. */
  shutdownAcpi: (timeoutMs?: number) => Promise<number>;
  /** Destroys and undefines the domain and deletes the work directory. Idempotent. */
  dispose: () => void;
}

/** Boots the tiny test guest as a persistent domain on qemu:///system. */
export async function startTestGuest(o: StartTestGuestOptions): Promise<RunningTestGuest> {
  const guest = await ensureTestGuest();
  const name = uniqueDomainName(o.label);
  const workDir = mkdtempSync(join(tmpdir(), `${name}-`));
  chmodSync(workDir, 0o755);
  const serialLog = join(workDir, 'serial.log');
  let defined = false;
  const dispose = (): void => {
    if (defined) destroyAndUndefine(name);
    defined = false;
    rmSync(workDir, { recursive: true, force: true });
  };
  try {
    const bootFrom = o.bootFrom ?? 'kernel';
    let diskPath: string | undefined;
    if (bootFrom === 'disk') {
      diskPath = join(workDir, 'boot.qcow2');
      createOverlay(guest.diskImage, diskPath);
    } else if (o.diskMiB !== undefined) {
      diskPath = join(workDir, 'disk.qcow2');
      createBlankDisk(diskPath, o.diskMiB);
    }
    let dataDiskPath: string | undefined;
    if (o.dataDiskMiB !== undefined) {
      dataDiskPath = join(workDir, 'data.qcow2');
      createBlankDisk(dataDiskPath, o.dataDiskMiB);
    }
    const xml = testGuestDomainXml({
      ...o,
      name,
      bootFrom,
      serialLog,
      ...(bootFrom === 'kernel' ? { kernel: guest.vmlinux, initrd: guest.initrd } : {}),
      ...(diskPath === undefined ? {} : { diskPath }),
      ...(dataDiskPath === undefined ? {} : { dataDiskPath }),
    });
    defineDomain(xml);
    defined = true;
    const start = performance.now();
    virsh(['start', name]);
    const waitFor = o.waitFor ?? GUEST_MARKERS.ready;
    const match =
      waitFor === false ? undefined : await waitForSerial(serialLog, waitFor, o.timeoutMs ?? 120_000);
    return {
      name,
      workDir,
      serialLog,
      ...(diskPath === undefined ? {} : { diskPath }),
      ...(dataDiskPath === undefined ? {} : { dataDiskPath }),
      ...(match ? { readyLine: match.line } : {}),
      bootMs: match ? performance.now() - start : 0,
      shutdownAcpi: async (timeoutMs = 60_000): Promise<number> => {
        const t = performance.now();
        virsh(['shutdown', '--mode', 'acpi', name]);
        await waitForDomState(name, 'shut off', timeoutMs);
        return performance.now() - t;
      },
      dispose,
    };
  } catch (err) {
    dispose();
    throw err;
  }
}
