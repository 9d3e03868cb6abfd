// hv's manage verbs on qemu:///system with VMs made by hv's own create: delete removes the domain, its
// own disks, NVRAM, snapshot overlays and metadata but never the image, the ISO or another VM's
// backing file; --keep-disks keeps the disks; a running VM is forced off first; rename keeps hv's
// metadata in step and refuses running VMs and taken names; autostart on/off reaches libvirt's flag
// and hv's metadata.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createVm } from '../../src/core/vm/create/create-vm.js';
import { deleteVm } from '../../src/core/vm/manage/delete-vm.js';
import { planVmDelete } from '../../src/core/vm/manage/plan-vm-delete.js';
import { applyProfile } from '../../src/core/vm/apply/apply-profile.js';
import { renameVm } from '../../src/core/vm/manage/rename-vm.js';
import { setVmAutostart } from '../../src/core/vm/manage/set-vm-autostart.js';
import { SnapshotService } from '../../src/core/snapshot/index.js';
import { parseProfileObject } from '../../src/core/profile/parse-profile-text.js';
import { domainXmlToProfile } from '../../src/core/profile/domain-xml/domain-xml-to-profile.js';
import { HvError } from '../../src/core/errors/index.js';
import { vmCreateEnv, type VmCreateEnv } from '../helpers/vm-create-env.js';

const SKIP =
  process.getuid?.() !== 0
    ? 'needs root (qemu:///system)'
    : !existsSync('/usr/share/OVMF/OVMF_VARS_4M.fd') && !existsSync('/usr/share/OVMF/OVMF_VARS.fd')
      ? 'needs OVMF'
      : false;
const tag = Math.random().toString(36).slice(2, 7);
const vm = (s: string): string => `hvt-mg-${tag}-${s}`;
const made: string[] = [];
let env: VmCreateEnv;

async function make(name: string, extra: Record<string, unknown> = {}, start = false): Promise<void> {
  made.push(name);
  const profile = parseProfileObject({
    name,
    cpus: 1,
    memory: '128M',
    disks: [{ from: env.image, linked: true }],
    graphics: { type: 'none' },
    nics: [],
    ...extra,
  }).profile;
  await createVm(env.client, { profile, config: env.config, kvm: false, media: { baseDir: env.dir }, start });
}

const exists = async (name: string): Promise<boolean> =>
  (await env.client.domains.listAll()).some((d) => d.name === name);
const volumesOf = async (name: string): Promise<string[]> =>
  (await env.snapshot()).volumes.filter((v) => v.startsWith(`${name}-`) || v.startsWith(`${name}.`));
const code = (c: string) => (e: unknown) => e instanceof HvError && e.code === c;

before(async () => {
  if (SKIP) return;
  env = await vmCreateEnv('manage');
  mkdirSync(env.config.images.dir, { recursive: true });
  writeFileSync(join(env.config.images.dir, 'tools.iso'), Buffer.alloc(64 * 1024));
});
after(async () => {
  if (SKIP) return;
  await env.dispose(made);
});

describe('hv vm delete / rename / autostart on qemu:///system', { skip: SKIP }, () => {
  it('delete removes a UEFI VM, its disk, NVRAM, snapshot overlay and metadata; keeps image and ISO', async () => {
    const name = vm('uefi');
    await make(name, { firmware: 'uefi', iso: 'tools.iso' });
    const snap = await new SnapshotService(env.client).create(name, { name: 's1' });
    assert.equal(snap.plan.kind, 'external');
    const before = await volumesOf(name);
    assert.ok(before.includes(`${name}-nvram.fd`), before.join());
    assert.ok(before.length >= 3, `disk, NVRAM and overlay: ${before.join()}`);
    const plan = await planVmDelete(env.client, env.config, name);
    assert.equal(plan.snapshots, 1);
    assert.equal(plan.nvram, join(env.poolPath, `${name}-nvram.fd`));
    assert.ok(plan.disks.includes(join(env.poolPath, `${name}-disk0.qcow2`)), plan.disks.join());
    assert.ok(plan.disks.indexOf(join(env.poolPath, `${name}-disk0.qcow2`)) === plan.disks.length - 1);
    assert.deepEqual(
      plan.kept.map((k) => k.reason),
      ['cdrom media (shared)'],
    );
    const r = await deleteVm(env.client, plan, { keepDisks: false });
    assert.equal(r.forcedOff, false);
    assert.equal(await exists(name), false);
    assert.deepEqual(await volumesOf(name), []);
    assert.ok(existsSync(env.image), 'the image the disk was linked to stays');
    assert.ok(existsSync(join(env.config.images.dir, 'tools.iso')), 'the ISO stays');
  });

  it('--keep-disks keeps the disk volume; the domain goes; a plan for another VM of the name is refused', async () => {
    const name = vm('keep');
    await make(name);
    const plan = await planVmDelete(env.client, env.config, name);
    await assert.rejects(
      deleteVm(env.client, { ...plan, uuid: '00000000-0000-4000-8000-000000000000' }, { keepDisks: false }),
      (e: unknown) => e instanceof HvError && e.code === 'VM_ERROR' && /UUID differs/.test(e.message),
    );
    assert.equal(await exists(name), true);
    const r = await deleteVm(env.client, plan, { keepDisks: true });
    assert.deepEqual(r.removed, []);
    assert.equal(await exists(name), false);
    assert.deepEqual(await volumesOf(name), [`${name}-disk0.qcow2`]);
  });

  it("never deletes a disk that another VM's disk is backed by", async () => {
    const base = vm('base');
    const child = vm('child');
    await make(base);
    await make(child, { disks: [{ from: join(env.poolPath, `${base}-disk0.qcow2`), linked: true }] });
    const plan = await planVmDelete(env.client, env.config, base);
    assert.deepEqual(plan.disks, []);
    assert.match(plan.kept[0]?.reason ?? '', new RegExp(`backing file of .*${child}-disk0\\.qcow2`));
    await deleteVm(env.client, plan, { keepDisks: false });
    assert.deepEqual(await volumesOf(base), [`${base}-disk0.qcow2`]);
    await deleteVm(env.client, await planVmDelete(env.client, env.config, child), { keepDisks: false });
    assert.deepEqual(await volumesOf(child), []);
  });

  it('never deletes a template in the pool that a disk was linked from', async () => {
    const tpl = join(env.poolPath, `hvt-mg-${tag}-template.qcow2`);
    const created = spawnSync('qemu-img', ['create', '-q', '-f', 'qcow2', tpl, '32M'], { encoding: 'utf8' });
    assert.equal(created.status, 0, created.stderr);
    const name = vm('fromtpl');
    await make(name, { disks: [{ from: tpl, linked: true }] });
    const plan = await planVmDelete(env.client, env.config, name);
    assert.deepEqual(plan.disks, [join(env.poolPath, `${name}-disk0.qcow2`)]);
    await deleteVm(env.client, plan, { keepDisks: false });
    assert.deepEqual(await volumesOf(name), []);
    assert.ok(existsSync(tpl), 'the template stays');
  });

  it('a disk that cannot be removed: the VM is gone, the error (exit 8) lists what is left', async () => {
    const name = vm('stuck');
    await make(name);
    const disk = join(env.poolPath, `${name}-disk0.qcow2`);
    const immutable = (on: boolean) => spawnSync('chattr', [on ? '+i' : '-i', disk], { encoding: 'utf8' });
    assert.equal(immutable(true).status, 0, 'chattr +i (ext4)');
    try {
      const plan = await planVmDelete(env.client, env.config, name);
      await assert.rejects(
        deleteVm(env.client, plan, { keepDisks: false }),
        (e: unknown) =>
          e instanceof HvError &&
          e.exitCode === 8 &&
          e.message.includes(`${name} was deleted, but 1 of its files are left: ${disk}`) &&
          JSON.stringify(e.details.left).includes(disk),
      );
      assert.equal(await exists(name), false);
      assert.ok(existsSync(disk));
    } finally {
      immutable(false);
    }
  });

  it('a running VM: rename is refused (VM_STATE_INVALID); delete forces it off first', async () => {
    const name = vm('run');
    await make(name, {}, true);
    await assert.rejects(renameVm(env.client, env.config, name, vm('run2')), code('VM_STATE_INVALID'));
    const r = await deleteVm(env.client, await planVmDelete(env.client, env.config, name), {
      keepDisks: false,
    });
    assert.equal(r.forcedOff, true);
    assert.equal(await exists(name), false);
    assert.deepEqual(await volumesOf(name), []);
  });

  it('rename: hv metadata and file names follow (apply still finds the disks); bad names exit 4; taken names exit 10', async () => {
    const a = vm('ren-a');
    const b = vm('ren-b');
    const taken = vm('taken');
    await make(a, { firmware: 'uefi' });
    await make(taken);
    made.push(b);
    await assert.rejects(
      renameVm(env.client, env.config, a, 'bad name'),
      (e: unknown) => e instanceof HvError && e.exitCode === 4,
    );
    await assert.rejects(
      renameVm(env.client, env.config, a, taken),
      (e: unknown) => e instanceof HvError && e.exitCode === 10,
    );
    await assert.rejects(renameVm(env.client, env.config, vm('none'), b), code('VM_NOT_FOUND'));
    const r = await renameVm(env.client, env.config, a, b);
    assert.equal(r.metadata, true);
    assert.deepEqual([...r.files].sort(), [
      join(env.poolPath, `${b}-disk0.qcow2`),
      join(env.poolPath, `${b}-nvram.fd`),
    ]);
    assert.equal(await exists(a), false);
    assert.deepEqual(await volumesOf(a), []);
    assert.deepEqual(await volumesOf(b), [`${b}-disk0.qcow2`, `${b}-nvram.fd`]);
    const dom = await env.client.domains.lookupByName(b);
    const xml = await env.client.domains.getXmlDesc(dom, 2);
    assert.equal(domainXmlToProfile(xml)?.profile.name, b);
    assert.match(xml, new RegExp(`<source file='${env.poolPath}/${b}-disk0\\.qcow2'/>`));
    assert.match(xml, new RegExp(`>${env.poolPath}/${b}-nvram\\.fd</nvram>`));
    // apply rebuilds the domain from hv's naming scheme: after the rename it must find the same files.
    const stored = domainXmlToProfile(xml);
    assert.ok(stored);
    await applyProfile(
      env.client,
      env.config,
      { ...stored.profile, memoryMiB: 160 },
      { kvm: false, baseDir: env.dir },
    );
    const applied = await env.client.domains.getXmlDesc(dom, 2);
    assert.match(applied, new RegExp(`<source file='${env.poolPath}/${b}-disk0\\.qcow2'/>`));
    assert.match(applied, /<memory unit='KiB'>163840<\/memory>/);
  });

  it("rename keeps the file names when another VM's disk is backed by one of them", async () => {
    const base = vm('rbase');
    const child = vm('rchild');
    const renamed = vm('rbase2');
    await make(base);
    await make(child, { disks: [{ from: join(env.poolPath, `${base}-disk0.qcow2`), linked: true }] });
    made.push(renamed);
    const r = await renameVm(env.client, env.config, base, renamed);
    assert.deepEqual(r.files, []);
    assert.match(r.filesKept ?? '', new RegExp(`${base}-disk0\\.qcow2 is used by another VM`));
    assert.deepEqual(await volumesOf(base), [`${base}-disk0.qcow2`]);
    assert.equal(await exists(renamed), true);
  });

  it('autostart on/off reaches libvirt and hv metadata', async () => {
    const name = vm('taken');
    const dom = await env.client.domains.lookupByName(name);
    assert.equal(await setVmAutostart(env.client, name, true), 'on');
    assert.equal(await env.client.domains.getAutostart(dom), true);
    let xml = await env.client.domains.getXmlDesc(dom, 2);
    assert.match(xml, /<hv:autostart enabled="yes"/);
    assert.equal(domainXmlToProfile(xml)?.profile.autostart, true);
    assert.equal(await setVmAutostart(env.client, name, true), 'already on');
    assert.equal(await setVmAutostart(env.client, name, false), 'off');
    assert.equal(await env.client.domains.getAutostart(dom), false);
    xml = await env.client.domains.getXmlDesc(dom, 2);
    assert.match(xml, /<hv:autostart enabled="no"/);
    assert.equal(domainXmlToProfile(xml)?.profile.autostart, false);
  });
});
