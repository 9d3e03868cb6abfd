// Fake backups for unit tests of the catalog, scanner, prune and reindex: real directories with a valid
// manifest and small files whose recorded size and SHA-256 match, without libvirt or qemu-img.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  MANIFEST_FORMAT,
  formatBackupManifest,
  type BackupManifest,
} from '../../src/core/backup/backup-manifest.js';

/** What a fake backup looks like. */
export interface FakeBackup {
  vm: string;
  id: string;
  startedAt: string;
  parent?: string | null;
  checkpoint?: string | null;
  /** Content of its one disk file vda.qcow2 (default: the id). */
  content?: string;
}

/** A manifest for `b` with one disk whose file holds `content`. */
export function fakeManifest(b: FakeBackup): BackupManifest {
  const content = b.content ?? b.id;
  const parent = b.parent ?? null;
  return {
    format: MANIFEST_FORMAT,
    id: b.id,
    vm: { name: b.vm, uuid: '6f1c1a40-0000-4000-8000-000000000001' },
    type: parent === null ? 'full' : 'incremental',
    mode: 'live',
    parent,
    checkpoint: b.checkpoint === undefined ? `hv-backup-${b.id}` : b.checkpoint,
    incrementalFrom: parent === null ? null : `hv-backup-${parent}`,
    consistency: 'crash-consistent',
    compressed: false,
    startedAt: b.startedAt,
    endedAt: b.startedAt,
    hvVersion: '0.0.0-test',
    host: 'test',
    domainXml: `<domain type="qemu"><name>${b.vm}</name></domain>`,
    profile: null,
    disks: [
      {
        target: 'vda',
        source: '/var/lib/hv/images/x.qcow2',
        format: 'qcow2',
        virtualSize: 1048576,
        file: 'vda.qcow2',
        size: Buffer.byteLength(content),
        sha256: createHash('sha256').update(content).digest('hex'),
      },
    ],
  };
}

/** Write `b` as a complete backup under `target`; returns its directory and manifest. */
export function writeFakeBackup(target: string, b: FakeBackup): { dir: string; manifest: BackupManifest } {
  const dir = join(target, b.vm, b.id);
  mkdirSync(dir, { recursive: true });
  const manifest = fakeManifest(b);
  writeFileSync(join(dir, 'vda.qcow2'), b.content ?? b.id);
  writeFileSync(join(dir, 'manifest.json'), formatBackupManifest(manifest));
  return { dir, manifest };
}
