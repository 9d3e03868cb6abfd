// Why: in a live backup QEMU itself (user libvirt-qemu under libvirt's DAC driver, in its own mount
// namespace) opens the target files. Every directory above them must let "others" enter (libvirt
// relabels files, never directories), and QEMU must see the directory at all: a file system mounted
// after the VM started is invisible to it where mounts do not propagate (private `/`, hosts without
// systemd). Both fail in QEMU with a bare errno; checked here first, each with its fix.
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PermissionError, StorageError } from '../errors/index.js';

/** Throw PERMISSION_DENIED naming the first directory above `dir` (inclusive) that others cannot enter. */
async function ensureEnterable(dir: string): Promise<void> {
  for (let d = dir; ; d = dirname(d)) {
    const mode = (await stat(d)).mode;
    if ((mode & 0o001) === 0) {
      throw new PermissionError(
        `QEMU (user libvirt-qemu) cannot enter ${d} (mode ${(mode & 0o777).toString(8).padStart(4, '0')}) ` +
          `to write the backup: allow it with chmod o+x ${d}, or choose another --target`,
        { details: { dir: d } },
      );
    }
    if (dirname(d) === d) return;
  }
}

/** Throw STORAGE_NOT_FOUND when the running QEMU of `vm` cannot see `dir` (when its pid is known). */
async function ensureVisibleToQemu(dir: string, vm: string, pidDir: string): Promise<void> {
  const pid = (await readFile(join(pidDir, `${vm}.pid`), 'utf8').catch(() => '')).trim();
  if (!/^\d+$/.test(pid)) return; // not the local system daemon's VM: nothing to look through
  const seen = await stat(`/proc/${pid}/root${dir}`).then(
    () => true,
    (err: unknown) => (err as NodeJS.ErrnoException).code !== 'ENOENT',
  );
  if (!seen) {
    throw new StorageError(
      `the QEMU process of VM ${vm} cannot see ${dir}: its file system was probably mounted after the VM ` +
        "started and mounts do not propagate into QEMU's namespace here; mount the target before starting " +
        'the VM (or with shared propagation: mount --make-rshared /), or choose another --target',
      { code: 'STORAGE_NOT_FOUND', details: { dir, vm, qemuPid: Number(pid) } },
    );
  }
}

/** Check that the running QEMU of `vm` can reach and enter `dir` (an existing directory). */
export async function ensureQemuCanWrite(
  dir: string,
  vm: string,
  pidDir = '/run/libvirt/qemu',
): Promise<void> {
  await ensureEnterable(dir);
  await ensureVisibleToQemu(dir, vm, pidDir);
}
