// Why: in a live backup QEMU itself (user libvirt-qemu under libvirt's DAC driver) opens the target
// files, so every directory above them must let "others" enter. libvirt relabels files, never
// directories; without this check the job fails with a bare "Permission denied" from QEMU.
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { PermissionError } from '../errors/index.js';

/** Throw PERMISSION_DENIED naming the first directory above `dir` (inclusive) that others cannot enter. */
export async function ensureQemuCanEnter(dir: string): Promise<void> {
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
