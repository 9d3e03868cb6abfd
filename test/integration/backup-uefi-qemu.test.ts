// The firmware state of a running UEFI guest with an emulated TPM (swtpm) on qemu:///system goes into
// each backup (NVRAM vars file and swtpm state, listed in the manifest with SHA-256), verify re-hashes
// it, and restore brings it back: --as NEW gets its own copies (new NVRAM path, the new UUID's swtpm
// directory), --in-place puts the backed-up bytes back over a changed or deleted NVRAM and TPM state.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BackupService } from '../../src/core/backup/backup-service.js';
import type { CreatedBackup } from '../../src/core/backup/create-backup.js';
import { readBackupDir } from '../../src/core/backup/scan-backup-target.js';
import { openHost } from '../../src/core/host/open-host.js';
import { openStateDb, type StateDb } from '../../src/core/store/state-db.js';
import type { LibvirtClient } from '../../src/libvirt/index.js';
import { createBlankDisk } from '../helpers/guest-disk.js';
import {
  defineDomain,
  ensureTestGuest,
  testGuestDomainXml,
  uniqueDomainName,
  virsh,
} from '../helpers/test-guest.js';

const OVMF_CODE = '/usr/share/OVMF/OVMF_CODE_4M.fd';
const OVMF_VARS = '/usr/share/OVMF/OVMF_VARS_4M.fd';
const SWTPM_ROOT = '/var/lib/libvirt/swtpm';
const SKIP =
  process.getuid?.() !== 0
    ? 'needs root (qemu:///system)'
    : !existsSync(OVMF_CODE) || !existsSync(OVMF_VARS)
      ? 'needs OVMF (package ovmf)'
      : !existsSync('/usr/bin/swtpm')
        ? 'needs swtpm (packages swtpm swtpm-tools)'
        : false;

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

function removeVm(name: string): void {
  virsh(['destroy', name], true);
  virsh(['undefine', name, '--nvram', '--tpm', '--checkpoints-metadata'], true);
}

describe(
  'backup and restore of NVRAM and TPM state (UEFI guest with swtpm)',
  { skip: SKIP, timeout: 600_000 },
  () => {
    const name = uniqueDomainName('bkuefi');
    const copy = `${name}-r`;
    let dir = '';
    let uuid = '';
    let db: StateDb;
    let client: LibvirtClient;
    let service: BackupService;
    let backup: CreatedBackup;
    const warnings: string[] = [];
    const signal = new AbortController().signal;
    const warn = (m: string): void => {
      warnings.push(m);
    };
    const nvram = (): string => join(dir, 'VARS.fd');
    const tpmFile = (u: string): string => join(SWTPM_ROOT, u, 'tpm2', 'tpm2-00.permall');

    before(async () => {
      const guest = await ensureTestGuest();
      dir = mkdtempSync(join(tmpdir(), `${name}-`));
      chmodSync(dir, 0o755);
      mkdirSync(join(dir, 'target'), { mode: 0o755 });
      mkdirSync(join(dir, 'restore'), { mode: 0o755 });
      createBlankDisk(join(dir, 'disk.qcow2'), 32);
      const xml = testGuestDomainXml({
        name,
        kernel: guest.vmlinux,
        initrd: guest.initrd,
        diskPath: join(dir, 'disk.qcow2'),
        serialLog: join(dir, 'serial.log'),
      })
        .replace(
          /(<type arch='x86_64' machine='pc'>hvm<\/type>)/,
          `$1<loader readonly='yes' type='pflash'>${OVMF_CODE}</loader>` +
            `<nvram template='${OVMF_VARS}'>${join(dir, 'VARS.fd')}</nvram>`,
        )
        .replace(
          '</devices>',
          "<tpm model='tpm-tis'><backend type='emulator' version='2.0'/></tpm></devices>",
        );
      defineDomain(xml);
      virsh(['start', name]);
      uuid = virsh(['domuuid', name]).stdout.trim();
      db = openStateDb(join(dir, 'state', 'hv.db'));
      client = await openHost('qemu:///system');
      service = new BackupService(
        db,
        {
          backupDir: join(dir, 'target'),
          compress: false,
          stateDir: join(dir, 'state'),
          storageDir: join(dir, 'restore'),
        },
        client,
      );
    });

    after(async () => {
      removeVm(copy);
      removeVm(name);
      await client.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('lists the NVRAM file and the TPM state in the manifest with their SHA-256', async () => {
      assert.ok(existsSync(nvram()), 'libvirt made the NVRAM file from the template');
      assert.ok(existsSync(tpmFile(uuid)), 'swtpm made its state file');
      backup = await service.create({
        vm: name,
        full: true,
        compress: false,
        spaceCheck: true,
        signal,
        warn,
      });
      const m = (await readBackupDir(backup.dir, backup.id)).manifest;
      const nv = m.state?.find((s) => s.kind === 'nvram');
      assert.deepEqual(nv && { path: nv.path, file: nv.file }, { path: nvram(), file: 'nvram.fd' });
      assert.equal(nv?.sha256, sha(join(backup.dir, 'nvram.fd')));
      assert.equal(sha(join(backup.dir, 'nvram.fd')), sha(nvram()));
      const tpm = m.state?.find((s) => s.path === 'tpm2/tpm2-00.permall');
      assert.ok(tpm, JSON.stringify(m.state));
      assert.equal(tpm.kind, 'tpm');
      assert.equal(tpm.sha256, sha(join(backup.dir, tpm.file)));
      const v = await service.verify({ ids: [backup.id] });
      assert.equal(v[0]?.ok, true, v[0]?.problems.join('; '));
      assert.equal(v[0].files, 1 + (m.state?.length ?? 0));
    });

    it('verify finds a changed byte in the NVRAM copy', async () => {
      const f = join(backup.dir, 'nvram.fd');
      const orig = readFileSync(f);
      const bad = Buffer.from(orig);
      bad[4096] = (bad[4096] ?? 0) ^ 0xff;
      writeFileSync(f, bad);
      const v = await service.verify({ ids: [backup.id] });
      writeFileSync(f, orig);
      assert.equal(v[0]?.ok, false);
      assert.match(v[0].problems.join('; '), /nvram\.fd: SHA-256/);
    });

    it('restore --as NEW gives the new VM its own copies of the NVRAM and TPM state', async () => {
      const m = (await readBackupDir(backup.dir, backup.id)).manifest;
      const r = await service.restore({ id: backup.id, as: copy, dir: join(dir, 'restore'), signal, warn });
      const expectedNvram = join(dir, 'restore', `${copy}_VARS.fd`);
      assert.equal(r.nvram, expectedNvram);
      assert.equal(sha(expectedNvram), m.state?.find((s) => s.kind === 'nvram')?.sha256);
      const xml = virsh(['dumpxml', '--inactive', copy]).stdout;
      assert.ok(xml.includes(`>${expectedNvram}</nvram>`), xml);
      const newUuid = virsh(['domuuid', copy]).stdout.trim();
      assert.notEqual(newUuid, uuid);
      assert.equal(r.tpmDir, join(SWTPM_ROOT, newUuid));
      assert.equal(sha(tpmFile(newUuid)), m.state?.find((s) => s.path === 'tpm2/tpm2-00.permall')?.sha256);
    });

    it('restore --in-place puts back a changed TPM state and a deleted NVRAM file', async () => {
      const m = (await readBackupDir(backup.dir, backup.id)).manifest;
      virsh(['destroy', name]);
      writeFileSync(tpmFile(uuid), randomBytes(4096));
      rmSync(nvram());
      const r = await service.restore({ id: backup.id, inPlace: true, signal, warn });
      assert.equal(r.nvram, nvram());
      assert.equal(sha(nvram()), m.state?.find((s) => s.kind === 'nvram')?.sha256);
      assert.equal(sha(tpmFile(uuid)), m.state?.find((s) => s.path === 'tpm2/tpm2-00.permall')?.sha256);
      // the restored VM starts with them (libvirt hands the TPM state to the swtpm user)
      virsh(['start', name]);
      assert.equal(virsh(['domstate', name]).stdout.trim(), 'running');
    });
  },
);
