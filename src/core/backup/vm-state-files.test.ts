import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  backupStateFiles,
  nvramDestination,
  restoreNvram,
  restoreTpmState,
  stateSourcesOf,
  SWTPM_STATE_ROOT,
} from './vm-state-files.js';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

test('stateSourcesOf: NVRAM path and the swtpm directory of an emulated TPM', () => {
  const xml =
    "<domain><name>a</name><uuid>11111111-2222-3333-4444-555555555555</uuid><os><type>hvm</type><nvram template='/t.fd'>/n/a_VARS.fd</nvram></os>" +
    "<devices><tpm model='tpm-crb'><backend type='emulator' version='2.0'/></tpm></devices></domain>";
  assert.deepEqual(stateSourcesOf(xml), {
    nvram: '/n/a_VARS.fd',
    tpmDir: join(SWTPM_STATE_ROOT, '11111111-2222-3333-4444-555555555555'),
  });
  const passthrough =
    "<domain><uuid>u</uuid><os><type>hvm</type></os><devices><tpm model='tpm-tis'><backend type='passthrough'/></tpm></devices></domain>";
  assert.deepEqual(stateSourcesOf(passthrough), {});
});

test('backed-up state files are hashed as written and restored byte for byte', async () => {
  const root = mkdtempSync(join(tmpdir(), 'hv-state-'));
  try {
    const nvram = join(root, 'vm_VARS.fd');
    const tpmDir = join(root, 'swtpm', 'uuid-1');
    mkdirSync(join(tpmDir, 'tpm2'), { recursive: true });
    const nv = Buffer.alloc(540_672, 0x5a);
    const perm = Buffer.from('tpm state');
    writeFileSync(nvram, nv);
    writeFileSync(join(tpmDir, 'tpm2', 'tpm2-00.permall'), perm);
    writeFileSync(join(tpmDir, 'tpm2', '.lock'), '');
    const bdir = join(root, 'backup');
    mkdirSync(bdir);
    const warnings: string[] = [];
    const state = await backupStateFiles({ nvram, tpmDir }, bdir, (m) => warnings.push(m));
    assert.deepEqual(state, [
      { kind: 'nvram', path: nvram, file: 'nvram.fd', sha256: sha(nv), size: nv.length },
      {
        kind: 'tpm',
        path: 'tpm2/tpm2-00.permall',
        file: 'tpm-tpm2_tpm2-00.permall',
        sha256: sha(perm),
        size: perm.length,
      },
    ]);
    assert.deepEqual(warnings, []);

    const dest = nvramDestination(state, { name: 'new', inPlace: false, dir: join(root, 'r') });
    assert.equal(dest, join(root, 'r', 'new_VARS.fd'));
    assert.equal(nvramDestination(state, { name: 'x', inPlace: true, dir: '/nowhere' }), nvram);
    assert.equal(await restoreNvram(bdir, state, dest), true);
    assert.deepEqual(readFileSync(join(root, 'r', 'new_VARS.fd')), nv);

    writeFileSync(join(tpmDir, 'tpm2', 'tpm2-00.permall'), 'changed');
    writeFileSync(join(tpmDir, 'tpm2', 'stale'), 'x');
    assert.equal(await restoreTpmState(bdir, state, 'uuid-1', join(root, 'swtpm')), tpmDir);
    assert.deepEqual(readFileSync(join(tpmDir, 'tpm2', 'tpm2-00.permall')), perm);
    assert.throws(() => readFileSync(join(tpmDir, 'tpm2', 'stale')), /ENOENT/);

    // a damaged copy is refused, and the destination is left alone
    writeFileSync(join(bdir, 'nvram.fd'), 'damaged');
    await assert.rejects(restoreNvram(bdir, state, nvram), /differs from the manifest/);
    assert.deepEqual(readFileSync(nvram), nv);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a missing NVRAM file (VM never started) is a warning, not a failure', async () => {
  const root = mkdtempSync(join(tmpdir(), 'hv-state-'));
  try {
    const warnings: string[] = [];
    const state = await backupStateFiles({ nvram: join(root, 'none.fd') }, root, (m) => warnings.push(m));
    assert.deepEqual(state, []);
    assert.match(warnings.join(''), /does not exist/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
