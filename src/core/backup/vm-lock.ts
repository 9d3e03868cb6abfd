// Why: two backups (or a backup and a restore or prune) of one VM at once would fight over its
// checkpoints and files. A lock file per VM in state_dir/locks, created exclusively, names its holder
// (pid, host, command, time) so a refusal can say who; a lock left by a dead process on this host (even
// after kill -9) is taken over, and a reused pid is told apart by its process start time.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, unlinkSync, linkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ConflictError, StorageError } from '../errors/index.js';

/**
 * Who holds a lock.
 * @public
 */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly command: string;
  /** ISO time the lock was taken. */
  readonly since: string;
  /** The holder's start time in clock ticks since boot (/proc/PID/stat field 22), to detect pid reuse. */
  readonly processStart?: string;
}

/** A held lock; release() is idempotent. */
export interface VmLock {
  readonly path: string;
  readonly holder: LockHolder;
  /** True when a stale lock of a dead process was taken over. */
  readonly tookOver?: LockHolder;
  release(): void;
}

/** Start time of a process (field 22 of /proc/PID/stat), or undefined when it does not exist. */
export function processStartOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: split after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return rest[19];
  } catch {
    return undefined;
  }
}

/** Whether the holder process still runs (another host's: assumed so; a reused pid: not). */
export function holderAlive(h: LockHolder): boolean {
  if (h.host !== hostname()) return true; // cannot tell: assume it is
  const start = processStartOf(h.pid);
  if (start === undefined) return false;
  return h.processStart === undefined || h.processStart === start;
}

function readHolder(path: string): { text: string; holder: LockHolder | undefined } | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const h = JSON.parse(text) as LockHolder;
    return typeof h.pid === 'number' && typeof h.host === 'string'
      ? { text, holder: h }
      : { text, holder: undefined };
  } catch {
    return { text, holder: undefined };
  }
}

function describe(h: LockHolder | undefined): string {
  if (h === undefined) return 'an unreadable lock file';
  return `pid ${h.pid} on ${h.host} (${h.command}, since ${h.since})`;
}

function tryCreate(path: string, text: string): boolean {
  try {
    writeFileSync(path, text, { flag: 'wx', mode: 0o644 });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new StorageError(`cannot create lock file ${path}: ${(err as Error).message}`, { cause: err });
  }
}

/** Move a stale lock away; false when someone else changed it in between (then it is put back). */
function removeStale(path: string, staleText: string): boolean {
  const aside = `${path}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch {
    return true; // already gone: just try again
  }
  let moved = '';
  try {
    moved = readFileSync(aside, 'utf8');
  } catch {
    // treat as ours
  }
  if (moved === staleText || moved === '') {
    unlinkSync(aside);
    return true;
  }
  // We moved a fresh lock of someone who took over first: give it back.
  try {
    linkSync(aside, path);
  } catch {
    // a third party holds the name now; theirs stands
  }
  unlinkSync(aside);
  return false;
}

/**
 * Take the lock `<stateDir>/locks/<kind>-<vm>.lock` for `command`.
 * @throws ConflictError LOCK_HELD naming the holder when a live process holds it.
 */
export function acquireVmLock(stateDir: string, kind: string, vm: string, command: string): VmLock {
  const dir = join(stateDir, 'locks');
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  const path = join(dir, `${kind}-${vm}.lock`);
  const start = processStartOf(process.pid);
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    command,
    since: new Date().toISOString(),
    ...(start === undefined ? {} : { processStart: start }),
  };
  const text = `${JSON.stringify(holder)}\n`;
  let tookOver: LockHolder | undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(path, text)) {
      let released = false;
      return {
        path,
        holder,
        ...(tookOver === undefined ? {} : { tookOver }),
        release: () => {
          if (released) return;
          released = true;
          const now = readHolder(path);
          if (now?.text === text) unlinkSync(path);
        },
      };
    }
    const current = readHolder(path);
    if (current === undefined) continue; // vanished: try again
    if (current.holder !== undefined && holderAlive(current.holder)) {
      throw new ConflictError(`${kind} of VM ${vm} is locked by ${describe(current.holder)}`, {
        code: 'LOCK_HELD',
        details: { lock: path, holder: current.holder },
      });
    }
    if (current.holder === undefined && current.text.trim() !== '') {
      throw new ConflictError(
        `${kind} of VM ${vm} is locked by ${describe(undefined)} ${path}; remove it if no hv runs`,
        {
          code: 'LOCK_HELD',
          details: { lock: path },
        },
      );
    }
    // Dead holder (or an empty file left by a crash between create and write): take it over.
    if (!removeStale(path, current.text)) continue;
    if (current.holder !== undefined) tookOver = current.holder;
  }
  throw new ConflictError(`${kind} of VM ${vm}: could not take the lock ${path}`, {
    code: 'LOCK_HELD',
    details: { lock: path },
  });
}
