// Finds (or builds, once per process) the tiny test guest made by scripts/build-test-guest.sh, and
// makes sure QEMU, which runs as libvirt-qemu, can read it: when the repository sits under a
// directory others cannot enter (e.g. /root), the files are copied to /var/tmp/hv-test-guest/<key>.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** What manifest.json in a test-guest directory records. */
export interface TestGuestManifest {
  key: string;
  scriptVersion: number;
  kernelRelease: string;
  buildSeconds: number;
  packages: Record<string, string>;
  files: Record<string, { bytes: number; diskBytes: number }>;
}

/** Absolute paths of one built test guest; every file is readable by QEMU. */
export interface TestGuest {
  dir: string;
  /** Uncompressed ELF kernel with a PVH entry: the fastest direct kernel boot. */
  vmlinux: string;
  /** The same kernel as a bzImage. */
  vmlinuz: string;
  initrd: string;
  /** Bootable qcow2 (MBR + FAT + syslinux). Never write to it: boot a qcow2 overlay of it. */
  diskImage: string;
  manifest: TestGuestManifest;
}

const GUEST_FILES = ['vmlinux', 'vmlinuz', 'initrd.img', 'guest-disk.qcow2', 'manifest.json'] as const;
const QEMU_READABLE_COPY_ROOT = '/var/tmp/hv-test-guest';

/** The repository root: the nearest ancestor of this module that holds scripts/build-test-guest.sh. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'scripts', 'build-test-guest.sh'))) return dir;
    const up = dirname(dir);
    if (up === dir)
      throw new Error('test-guest: cannot find scripts/build-test-guest.sh above ' + import.meta.url);
    dir = up;
  }
}

let pending: Promise<TestGuest> | undefined;

/**
 * Returns the test guest, building it on first use in this process (a cache hit costs ~1.5 s, a
 * build ~20 s). `HV_TEST_GUEST_DIR` (set by scripts/test.sh) skips the script entirely.
 */
export function ensureTestGuest(): Promise<TestGuest> {
  pending ??= locate();
  return pending;
}

async function locate(): Promise<TestGuest> {
  const preset = process.env['HV_TEST_GUEST_DIR'];
  let dir: string;
  if (preset && isComplete(preset)) {
    dir = resolve(preset);
  } else {
    const script = join(repoRoot(), 'scripts', 'build-test-guest.sh');
    const { stdout } = await promisify(execFile)('bash', [script], { maxBuffer: 1 << 20 }).catch(
      (err: unknown) => {
        const stderr = (err as { stderr?: string }).stderr ?? '';
        throw new Error(`test-guest: ${script} failed:\n${stderr.trim()}`, { cause: err });
      },
    );
    dir = stdout.trim().split('\n').at(-1) ?? '';
    if (!isComplete(dir)) throw new Error(`test-guest: build script reported '${dir}', which is incomplete`);
  }
  if (!qemuCanRead(dir)) dir = copyForQemu(dir);
  return describe(dir);
}

function isComplete(dir: string): boolean {
  return GUEST_FILES.every((f) => existsSync(join(dir, f)));
}

function describe(dir: string): TestGuest {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as TestGuestManifest;
  return {
    dir,
    vmlinux: join(dir, 'vmlinux'),
    vmlinuz: join(dir, 'vmlinuz'),
    initrd: join(dir, 'initrd.img'),
    diskImage: join(dir, 'guest-disk.qcow2'),
    manifest,
  };
}

/** True when "others" may enter every ancestor directory and read every guest file. */
function qemuCanRead(dir: string): boolean {
  for (let d = dir; ; d = dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) return false;
    if (dirname(d) === d) break;
  }
  return GUEST_FILES.every((f) => (statSync(join(dir, f)).mode & 0o004) !== 0);
}

function copyForQemu(dir: string): string {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as TestGuestManifest;
  const target = join(QEMU_READABLE_COPY_ROOT, manifest.key);
  if (isComplete(target)) return target;
  mkdirSync(target, { recursive: true, mode: 0o755 });
  // manifest.json last: its presence marks a complete copy
  for (const f of GUEST_FILES) copyFileSync(join(dir, f), join(target, f));
  return target;
}
