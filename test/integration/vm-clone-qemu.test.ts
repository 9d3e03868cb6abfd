// hv vm clone and hv template on qemu:///system: a tiny VM (the test guest's disk as a linked cloud
// image with a seed) is sealed into a template, cloned linked and full, and both clones boot to the
// guest's serial marker with new UUIDs, MACs and cloud-init instance-ids while the template stays
// byte-for-byte unchanged; a UEFI VM's clone gets its own NVRAM; injected failures leave nothing;
// bad names, unknown sources, taken names, running sources and template rm with a linked clone fail
// with their exit codes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createVm } from '../../src/core/vm/create/create-vm.js';
import { cloneVm, type CloneVmInput } from '../../src/core/vm/clone/clone-vm.js';
import { createTemplate } from '../../src/core/template/create-template.js';
import { listTemplates } from '../../src/core/template/list-templates.js';
import { removeTemplate } from '../../src/core/template/remove-template.js';
import { startVm } from '../../src/core/vm/lifecycle/start-vm.js';
import { templateOfXml } from '../../src/core/template/template-marker.js';
import { parseProfileObject } from '../../src/core/profile/parse-profile-text.js';
import { HvError, InterruptedError } from '../../src/core/errors/index.js';
import { runCommand } from '../../src/core/exec/run-command.js';
import { instanceIdOf } from '../../src/core/vm/create/cloud-init-data.js';
import { GUEST_MARKERS } from '../helpers/test-guest.js';
import { StreamText } from '../helpers/stream-text.js';
import { vmCreateEnv, type VmCreateEnv } from '../helpers/vm-create-env.js';

const NOT_ROOT = process.getuid?.() !== 0 ? 'needs root (qemu:///system)' : false;
const OVMF = existsSync('/usr/share/OVMF/OVMF_CODE_4M.fd') || existsSync('/usr/share/OVMF/OVMF_CODE.fd');
const tag = Math.random().toString(36).slice(2, 7);
const vm = (s: string): string => `hvtest-cl-${tag}-${s}`;

let env: VmCreateEnv;
const made: string[] = [];
const BASE = vm('base');
const TMPL = vm('tmpl');
const LINKED = vm('linked');
const FULL = vm('full');

function profile(name: string, extra: Record<string, unknown> = {}) {
  return parseProfileObject({
    name,
    cpus: 1,
    memory: '256M',
    virt_type: 'auto',
    disks: [{ from: env.image, linked: true }],
    nics: [{ user: true }],
    graphics: { type: 'none' },
    ...extra,
  }).profile;
}

function clone(source: string, name: string, more: Partial<CloneVmInput> = {}): ReturnType<typeof cloneVm> {
  made.push(name);
  return cloneVm(env.client, { config: env.config, source, name, mode: 'full', ...more });
}

async function inactiveXml(name: string): Promise<string> {
  return env.client.domains.getXmlDesc(await env.client.domains.lookupByName(name), 2);
}

const macsOf = (xml: string): string[] => [...xml.matchAll(/<mac address='([^']+)'/g)].map((m) => m[1] ?? '');
const uuidOf = (xml: string): string => /<uuid>([^<]+)<\/uuid>/.exec(xml)?.[1] ?? '';
const vdaOf = (xml: string): string =>
  /<disk type='file' device='disk'>[\s\S]*?<\/disk>/.exec(xml)?.[0] ?? '';
const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

async function seedInstanceId(iso: string): Promise<string | undefined> {
  const out = mkdtempSync(join(tmpdir(), 'hv-clone-check-'));
  await runCommand('xorriso', ['-osirrox', 'on', '-indev', iso, '-extract', '/meta-data', join(out, 'm')]);
  return instanceIdOf(readFileSync(join(out, 'm'), 'utf8'));
}

async function bootToMarker(name: string): Promise<void> {
  let dom = await env.client.domains.lookupByName(name);
  dom = await env.client.domains.createWithFlags(dom, 1);
  const tty = await env.client.domains.openConsole(dom);
  const text = new StreamText(tty);
  await env.client.domains.resume(dom);
  const m = await text.waitFor(new RegExp(`${GUEST_MARKERS.ready}[^\\r\\n]*\\r?\\n`), 240_000);
  assert.match(m[0], /boot=disk/);
  tty.destroy();
}

const rejectsWith = (exit: number, code: string, text?: RegExp) => (e: unknown) =>
  e instanceof HvError &&
  e.exitCode === exit &&
  e.code === code &&
  (text === undefined || text.test(e.message));

before(async () => {
  if (NOT_ROOT) return;
  env = await vmCreateEnv('clone');
  made.push(BASE, TMPL);
  await createVm(env.client, {
    profile: profile(BASE),
    config: env.config,
    kvm: false,
    media: { baseDir: env.dir },
    cloudUser: { name: 'ops', sshKeys: [] },
  });
});

after(async () => {
  if (NOT_ROOT) return;
  await env.dispose(made);
});

describe('hv template and hv vm clone on qemu:///system', { skip: NOT_ROOT }, () => {
  let templateXml = '';
  let templateDisk = '';
  let templateDiskSha = '';

  it('refuses a linked clone of a VM that is not a template, explaining why', async () => {
    const before = await env.snapshot();
    await assert.rejects(
      clone(BASE, vm('nolink'), { mode: 'linked' }),
      rejectsWith(7, 'VM_STATE_INVALID', /not a template.*hv template create/s),
    );
    assert.deepEqual(await env.snapshot(), before);
  });

  it('seals the VM into a renamed template: read-only disks, marker, refuses to start', async () => {
    const t = await createTemplate(env.client, env.config, BASE, { name: TMPL });
    assert.deepEqual(t.disks, ['vda']);
    templateXml = await inactiveXml(TMPL);
    const marker = templateOfXml(templateXml);
    assert.equal(marker?.source, BASE);
    assert.match(vdaOf(templateXml), /<readonly\/>/);
    templateDisk = join(env.poolPath, `${TMPL}-disk0.qcow2`);
    assert.match(templateXml, new RegExp(templateDisk));
    templateDiskSha = sha(templateDisk);
    // `hv start` (the lifecycle verb autostart and recover use too) refuses it and leaves it off.
    await assert.rejects(startVm(env.client, TMPL), rejectsWith(7, 'VM_STATE_INVALID', /template/));
    const dom = await env.client.domains.lookupByName(TMPL);
    assert.equal((await env.client.domains.getState(dom)).state, 5);
    await assert.rejects(createTemplate(env.client, env.config, TMPL), rejectsWith(10, 'ALREADY_EXISTS'));
  });

  it('clones linked and full: new UUIDs, MACs, instance-ids; overlay vs copy', async () => {
    const linked = await clone(TMPL, LINKED, { mode: 'linked' });
    const full = await clone(TMPL, FULL, { mode: 'full' });
    const tXml = await inactiveXml(TMPL);
    const lXml = await inactiveXml(LINKED);
    const fXml = await inactiveXml(FULL);
    assert.equal(new Set([uuidOf(tXml), uuidOf(lXml), uuidOf(fXml)]).size, 3);
    assert.equal(linked.uuid, uuidOf(lXml));
    assert.deepEqual(macsOf(lXml), [...linked.macs]);
    const macs = [...macsOf(tXml), ...macsOf(lXml), ...macsOf(fXml)];
    assert.equal(macs.length, 3);
    assert.equal(new Set(macs).size, 3);
    assert.equal(templateOfXml(lXml), undefined, 'a clone is no template');
    assert.doesNotMatch(vdaOf(lXml), /<readonly\/>/, 'the clone writes its own disk');
    const pool = await env.client.storage.lookupPoolByName(env.pool);
    const vol = async (n: string) =>
      env.client.storage.getVolumeXmlDesc(await env.client.storage.lookupVolumeByName(pool, n));
    assert.match(
      await vol(`${LINKED}-disk0.qcow2`),
      new RegExp(`<backingStore>\\s*<path>${templateDisk}</path>`),
    );
    assert.doesNotMatch(await vol(`${FULL}-disk0.qcow2`), /<backingStore>/);
    const ids = await Promise.all(
      [TMPL, LINKED, FULL].map((n) => seedInstanceId(join(env.poolPath, `${n}-cidata.iso`))),
    );
    assert.equal(ids[1], linked.instanceId);
    assert.equal(ids[2], full.instanceId);
    assert.equal(new Set(ids).size, 3, `instance-ids ${ids.join(' ')}`);
    assert.match(lXml, new RegExp(`${LINKED}-cidata\\.iso`));
    const listed = (await listTemplates(env.client)).find((x) => x.name === TMPL);
    assert.deepEqual(listed?.linkedClones, [LINKED]);
  });

  it('boots both clones to the serial marker; the template stays unchanged', async () => {
    await bootToMarker(LINKED);
    // A running VM is not cloned (its disks change).
    await assert.rejects(
      clone(LINKED, vm('running')),
      rejectsWith(7, 'VM_STATE_INVALID', new RegExp(`hv stop ${LINKED}`)),
    );
    await env.client.domains.destroyFlags(await env.client.domains.lookupByName(LINKED));
    await bootToMarker(FULL);
    await env.client.domains.destroyFlags(await env.client.domains.lookupByName(FULL));
    assert.equal(await inactiveXml(TMPL), templateXml);
    assert.equal(sha(templateDisk), templateDiskSha);
  });

  it('refuses bad names (4), unknown sources (7) and taken names (10), changing nothing', async () => {
    const before = await env.snapshot();
    await assert.rejects(clone(TMPL, 'bad/name'), rejectsWith(4, 'INVALID_ARGUMENT'));
    await assert.rejects(clone(vm('nosuch'), vm('x')), rejectsWith(7, 'VM_NOT_FOUND'));
    await assert.rejects(clone(TMPL, FULL), rejectsWith(10, 'ALREADY_EXISTS'));
    assert.deepEqual(await env.snapshot(), before);
  });

  for (const step of ['disk', 'seed', 'define'] as const) {
    it(`a failure injected after step ${step} leaves no domain, volume or journal`, async () => {
      const before = await env.snapshot();
      const name = vm(`f-${step}`);
      await assert.rejects(
        clone(TMPL, name, { failAt: step }),
        (e: unknown) => e instanceof HvError && e.message.includes(`HV_TEST_FAIL_AT=${step}`),
      );
      assert.deepEqual(await env.snapshot(), before);
      assert.equal(existsSync(join(env.config.state_dir, 'creating', `${name}.json`)), false);
    });
  }

  it('Ctrl-C (abort) during a clone leaves nothing behind and says interrupted (130)', async () => {
    const before = await env.snapshot();
    const ac = new AbortController();
    const name = vm('abort');
    const p = clone(TMPL, name, { failAt: 'pause:seed', signal: ac.signal });
    const journal = join(env.config.state_dir, 'creating', `${name}.json`);
    while (!(existsSync(journal) && readFileSync(journal, 'utf8').includes('cidata'))) {
      await new Promise((r) => setTimeout(r, 50));
    }
    ac.abort();
    await assert.rejects(p, (e: unknown) => e instanceof InterruptedError && e.exitCode === 130);
    assert.deepEqual(await env.snapshot(), before);
  });

  it('template rm is refused while a linked clone depends on it, then removes it', async () => {
    await assert.rejects(
      removeTemplate(env.client, env.config, TMPL),
      rejectsWith(10, 'IN_USE', new RegExp(LINKED)),
    );
    const dom = await env.client.domains.lookupByName(LINKED);
    await env.client.domains.undefine(dom, 1 | 2 | 4 | 16);
    const pool = await env.client.storage.lookupPoolByName(env.pool);
    for (const v of [`${LINKED}-disk0.qcow2`, `${LINKED}-cidata.iso`]) {
      await env.client.storage.deleteVolume(await env.client.storage.lookupVolumeByName(pool, v));
    }
    const removed = await removeTemplate(env.client, env.config, TMPL);
    assert.ok(removed.removed.includes(templateDisk), removed.removed.join(','));
    const after = await env.snapshot();
    assert.equal(after.domains.includes(TMPL), false);
    assert.deepEqual(
      after.volumes.filter((v) => v.startsWith(TMPL)),
      [],
    );
    // The full clone is independent of the template.
    await bootToMarker(FULL);
    await env.client.domains.destroyFlags(await env.client.domains.lookupByName(FULL));
  });

  it(
    'a UEFI VM clone gets its own NVRAM copy and a new identity (no TPM state shared)',
    { skip: !OVMF },
    async () => {
      const src = vm('uefi');
      made.push(src);
      await createVm(env.client, {
        profile: profile(src, { firmware: 'uefi', tpm: true, disks: [{ size: '64M' }] }),
        config: env.config,
        kvm: false,
        media: { baseDir: env.dir },
      });
      const before = await env.snapshot();
      await assert.rejects(clone(src, vm('uefi-f'), { failAt: 'nvram' }), /HV_TEST_FAIL_AT=nvram/);
      assert.deepEqual(await env.snapshot(), before, 'a failure after the NVRAM copy leaves nothing');
      const c = await clone(src, vm('uefi-c'));
      const sXml = await inactiveXml(src);
      const cXml = await inactiveXml(c.name);
      const nv = (x: string) => /<nvram[^>]*>([^<]+)<\/nvram>/.exec(x)?.[1] ?? '';
      assert.equal(nv(cXml), join(env.poolPath, `${c.name}-nvram.fd`));
      assert.notEqual(nv(cXml), nv(sXml));
      assert.ok(readFileSync(nv(cXml)).equals(readFileSync(nv(sXml))), 'a copy of the source vars');
      assert.notEqual(uuidOf(cXml), uuidOf(sXml));
      assert.match(cXml, /<tpm /);
      assert.doesNotMatch(cXml, new RegExp(uuidOf(sXml)));
    },
  );
});
