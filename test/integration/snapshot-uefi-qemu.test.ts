// A UEFI (pflash) domain on qemu:///system: libvirt itself refuses internal snapshots of it, so
// `hv snapshot create` takes an external one with memory, explains why, refuses to revert it with the
// way out, and on delete removes the memory file libvirt leaves behind.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBlankDisk } from '../helpers/guest-disk.js';
import { spawnHv } from '../helpers/spawn-hv.js';
import {
  defineDomain,
  destroyAndUndefine,
  ensureTestGuest,
  testGuestDomainXml,
  uniqueDomainName,
  virsh,
} from '../helpers/test-guest.js';

const OVMF_CODE = '/usr/share/OVMF/OVMF_CODE_4M.fd';
const OVMF_VARS = '/usr/share/OVMF/OVMF_VARS_4M.fd';
const SKIP =
  process.getuid?.() !== 0
    ? 'needs root (qemu:///system)'
    : !existsSync(OVMF_CODE) || !existsSync(OVMF_VARS)
      ? 'needs OVMF (package ovmf)'
      : false;

describe('hv snapshot on a running UEFI domain', { skip: SKIP }, () => {
  const name = uniqueDomainName('hvsnapuefi');
  let dir = '';
  let config = '';
  const hv = (args: string[]) => spawnHv(['--config', config, ...args], { timeoutMs: 120_000 });

  before(async () => {
    const guest = await ensureTestGuest();
    dir = mkdtempSync(join(tmpdir(), `${name}-`));
    chmodSync(dir, 0o755);
    config = join(dir, 'config.yaml');
    writeFileSync(config, `log_dir: ${dir}/log\nstate_dir: ${dir}/state\n`);
    createBlankDisk(join(dir, 'disk.qcow2'), 32);
    const xml = testGuestDomainXml({
      name,
      kernel: guest.vmlinux,
      initrd: guest.initrd,
      diskPath: join(dir, 'disk.qcow2'),
      serialLog: join(dir, 'serial.log'),
    }).replace(
      /(<type arch='x86_64' machine='pc'>hvm<\/type>)/,
      `$1<loader readonly='yes' type='pflash'>${OVMF_CODE}</loader>` +
        `<nvram template='${OVMF_VARS}'>${join(dir, 'VARS.fd')}</nvram>`,
    );
    defineDomain(xml);
    virsh(['start', name]);
  });

  after(() => {
    destroyAndUndefine(name);
    rmSync(dir, { recursive: true, force: true });
  });

  it('external with memory, explained; revert refused; delete removes the memory file', async () => {
    const internal = virsh(['snapshot-create-as', name, 'by-virsh'], true);
    assert.notEqual(internal.status, 0, 'libvirt refuses internal snapshots of pflash domains');
    assert.match(internal.stderr, /pflash/);

    const c = await hv(['--json', 'snapshot', 'create', name, 'u1']);
    assert.equal(c.code, 0, c.stderr);
    const u1 = JSON.parse(c.stdout) as {
      kind: string;
      memory: string;
      memoryFile: string;
      plan: { why: string };
    };
    assert.deepEqual([u1.kind, u1.memory], ['external', 'external']);
    assert.equal(
      u1.plan.why,
      'external: UEFI firmware keeps its NVRAM in pflash, which blocks internal snapshots',
    );
    assert.equal(u1.memoryFile, join(dir, `${name}.u1.mem`));
    assert.ok(existsSync(u1.memoryFile));

    const rv = await hv(['snapshot', 'revert', name, 'u1']);
    assert.equal(rv.code, 1);
    assert.match(rv.stderr, /cannot revert to external snapshots.*hv backup restore/);
    assert.ok(rv.stderr.includes(join(dir, 'disk.qcow2')), rv.stderr);

    const del = await hv(['snapshot', 'delete', name, 'u1']);
    assert.equal(del.code, 0, del.stderr);
    assert.equal(existsSync(u1.memoryFile), false);
    assert.equal(existsSync(join(dir, `${name}-vda.u1.qcow2`)), false);
  });
});
