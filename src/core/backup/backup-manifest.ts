// Why: the manifest is what makes a directory of qcow2 files a backup. It is written last, so its
// presence (valid, with every file's size and SHA-256) is the one test of completeness; restore, verify
// and reindex trust nothing else. The schema is strict so a truncated or hand-edited manifest is
// reported, never half-read.
import { z } from 'zod';
import { ValidationError } from '../errors/index.js';

/** The `format` value of manifests this version writes and reads. */
export const MANIFEST_FORMAT = 'hv-backup-manifest/1';

/** File name of the manifest inside a backup directory. */
export const MANIFEST_FILE = 'manifest.json';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lowercase hex digits');
const isoTime = z.iso.datetime({ offset: true });
const fileName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected a plain file name');
const size = z.number().int().min(0);

const diskSchema = z.strictObject({
  /** Guest device name, e.g. vda. */
  target: z.string().min(1),
  /** Host path of the disk when it was backed up (null for non-file disks). */
  source: z.string().nullable(),
  /** Image format of the source (qcow2, raw...). */
  format: z.string().nullable(),
  /** Guest-visible size in bytes. */
  virtualSize: size,
  /** File in the backup directory (always qcow2). */
  file: fileName,
  /** Size of that file in bytes. */
  size,
  sha256,
});

const stateFileSchema = z.strictObject({
  /** nvram: the UEFI vars file; tpm: one file of the emulated TPM's swtpm state directory. */
  kind: z.enum(['nvram', 'tpm']),
  /** nvram: the host path it was copied from; tpm: the path inside the VM's swtpm state directory. */
  path: z.string().min(1),
  /** File in the backup directory. */
  file: fileName,
  size,
  sha256,
});

/**
 * The manifest schema.
 * @public
 */
export const backupManifestSchema = z.strictObject({
  format: z.literal(MANIFEST_FORMAT),
  id: fileName,
  vm: z.strictObject({ name: z.string().min(1), uuid: z.string() }),
  /** full: every disk complete; incremental: only blocks changed since `parent`'s checkpoint. */
  type: z.enum(['full', 'incremental']),
  /** live: libvirt push backup of a running VM; offline: qemu-img copy of a stopped VM. */
  mode: z.enum(['live', 'offline']),
  /** The backup this one builds on (incremental only). */
  parent: fileName.nullable(),
  /** Checkpoint created at this backup's start; the next incremental copies changes since it. */
  checkpoint: z.string().nullable(),
  /** The parent's checkpoint this incremental started from. */
  incrementalFrom: z.string().nullable(),
  consistency: z.enum(['crash-consistent', 'filesystems-frozen', 'offline']),
  compressed: z.boolean(),
  startedAt: isoTime,
  endedAt: isoTime,
  hvVersion: z.string(),
  host: z.string(),
  /** The domain's inactive XML at backup time. */
  domainXml: z.string().min(1),
  /** hv's profile from the domain metadata (its document form), or null. */
  profile: z.unknown().nullable(),
  disks: z.array(diskSchema).min(1),
  /** Firmware state copied with the disks (absent in manifests of hv before NVRAM/TPM backups). */
  state: z.array(stateFileSchema).optional(),
});

/** A backup manifest. */
export type BackupManifest = z.infer<typeof backupManifestSchema>;
/** One disk entry of a manifest. */
export type ManifestDisk = BackupManifest['disks'][number];

/**
 * Parse and check manifest text.
 * @throws ValidationError naming the first broken field.
 */
export function parseBackupManifest(text: string, where = MANIFEST_FILE): BackupManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new ValidationError(where, 'is not valid JSON (incomplete or damaged manifest)', { cause: err });
  }
  const r = backupManifestSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = issue?.path.join('.') ?? '';
    throw new ValidationError(`${where}${path === '' ? '' : `: ${path}`}`, issue?.message ?? 'invalid', {
      details: { issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
    });
  }
  const files = new Set<string>();
  for (const d of [...r.data.disks, ...(r.data.state ?? [])]) {
    if (files.has(d.file) || d.file === MANIFEST_FILE) {
      throw new ValidationError(`${where}: disks`, `file ${d.file} is listed twice or reserved`);
    }
    files.add(d.file);
  }
  if ((r.data.type === 'incremental') !== (r.data.parent !== null)) {
    throw new ValidationError(
      `${where}: parent`,
      'an incremental backup needs a parent; a full one has none',
    );
  }
  return r.data;
}

/** Manifest text as written to disk (stable key order, trailing newline). */
export function formatBackupManifest(m: BackupManifest): string {
  return `${JSON.stringify(m, null, 2)}\n`;
}
