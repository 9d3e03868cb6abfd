// One pull per image name at a time: two `hv image pull debian-12` writing the same .part would
// corrupt it. The lock is a file created exclusively, holding the owner's pid; a lock whose process
// is gone is taken over, and a live one is refused naming its pid.
import { open, readFile, unlink } from 'node:fs/promises';
import { ConflictError } from '../../errors/index.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
}

/** Take the lock at `path` for `what`; resolves with its release function. */
export async function acquirePullLock(path: string, what: string): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(path, 'wx', 0o600);
      await fh.writeFile(`${process.pid}\n`);
      await fh.close();
      return () => unlink(path).catch(() => undefined);
    } catch (err) {
      if ((err as { code?: string }).code !== 'EEXIST') throw err;
      const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new ConflictError(`${what} is already being pulled by process ${pid}`, {
          code: 'LOCK_HELD',
          details: { pid, lock: path },
        });
      }
      await unlink(path).catch(() => undefined);
    }
  }
  throw new ConflictError(`cannot take the lock ${path}`, { code: 'LOCK_HELD' });
}
