// hv vm create on qemu:///system: the tiny guest's disk as a cloud image through a linked overlay with
// a NoCloud seed, booted to its serial marker; UEFI define with per-VM NVRAM; injected failures and
// Ctrl-C at each step leave the domain and volume lists exactly as they were; bad input changes nothing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createVm, type CreateVmInput } from '../../src/core/vm/create/create-vm.js';
import { flagsToProfile } from '../../src/core/vm/create/flags-to-profile.js';
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
const vm = (s: string): string => `hvt-cr-${tag}-${s}`;

let env: VmCreateEnv;
const made: string[] = [];

function guestProfile(name: string, extra: Record<string, unknown> = {}) {
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

function input(profile: CreateVmInput['profile'], more: Partial<CreateVmInput> = {}): CreateVmInput {
  return { profile, config: env.config, kvm: false, media: { baseDir: env.dir }, ...more };
}

before(async () => {
  if (NOT_ROOT) return;
  env = await vmCreateEnv('create');
});

after(async () => {
  if (NOT_ROOT) return;
  await env.dispose(made);
});

describe('hv vm create on qemu:///system', { skip: NOT_ROOT }, () => {
  it('creates a linked overlay of the cloud image with a seed, boots it to its serial marker', async () => {
    const name = vm('boot');
    made.push(name);
    const created = await createVm(
      env.client,
      input(guestProfile(name), { cloudUser: { name: 'ops', sshKeys: ['ssh-ed25519 AAAAC3Nz test'] } }),
    );
    assert.deepEqual(created.volumes, [`${name}-disk0.qcow2`, `${name}-cidata.iso`]);
    const pool = await env.client.storage.lookupPoolByName(env.pool);
    const vol = await env.client.storage.lookupVolumeByName(pool, `${name}-disk0.qcow2`);
    const volXml = await env.client.storage.getVolumeXmlDesc(vol);
    assert.match(volXml, new RegExp(`<backingStore>\\s*<path>${env.image}</path>\\s*<format type='qcow2'/>`));
    // The seed holds the fresh instance-id and the generated user.
    const out = mkdtempSync(join(tmpdir(), 'hv-seed-check-'));
    for (const f of ['meta-data', 'user-data']) {
      await runCommand('xorriso', [
        '-osirrox',
        'on',
        '-indev',
        created.seedIso ?? '',
        '-extract',
        `/${f}`,
        join(out, f),
      ]);
    }
    assert.equal(instanceIdOf(readFileSync(join(out, 'meta-data'), 'utf8')), created.instanceId);
    assert.match(readFileSync(join(out, 'user-data'), 'utf8'), /name: "ops"/);
    // Boot: paused, console attached, resumed, marker read.
    let dom = await env.client.domains.lookupByName(name);
    dom = await env.client.domains.createWithFlags(dom, 1);
    const tty = await env.client.domains.openConsole(dom);
    const text = new StreamText(tty);
    await env.client.domains.resume(dom);
    const m = await text.waitFor(new RegExp(`${GUEST_MARKERS.ready}[^\\r\\n]*\\r?\\n`), 180_000);
    assert.match(m[0], /boot=disk/);
    tty.destroy();
    await env.client.domains.destroyFlags(dom);
    const xml = await env.client.domains.getXmlDesc(dom);
    assert.match(xml, new RegExp(`${name}-cidata\\.iso`));
    assert.match(xml, /https:\/\/hv\.dev\/xmlns\/vm\/1/);
  });

  it(
    'defines a UEFI VM with its own NVRAM volume in the pool, a copy of the template',
    { skip: !OVMF },
    async () => {
      const name = vm('uefi');
      made.push(name);
      await createVm(env.client, input(guestProfile(name, { firmware: 'uefi', disks: [{ size: '64M' }] })));
      const dom = await env.client.domains.lookupByName(name);
      const xml = await env.client.domains.getXmlDesc(dom);
      const nvram = /<nvram[^>]*template='([^']+)'[^>]*>([^<]+)<\/nvram>/.exec(xml);
      assert.ok(nvram, `no <nvram template=...> in ${xml}`);
      assert.equal(nvram[2], join(env.poolPath, `${name}-nvram.fd`));
      const template = readFileSync(nvram[1] ?? '');
      assert.ok(readFileSync(nvram[2]).equals(template), 'the NVRAM is a copy of the template');
      const pool = await env.client.storage.lookupPoolByName(env.pool);
      assert.ok(await env.client.storage.lookupVolumeByName(pool, `${name}-nvram.fd`));
    },
  );

  it('refuses a duplicate name (exit 10) and a path outside the roots (exit 4), changing nothing', async () => {
    const before = await env.snapshot();
    const dup = made[0] ?? '';
    await assert.rejects(
      createVm(env.client, input(guestProfile(dup))),
      (e: unknown) => e instanceof HvError && e.exitCode === 10 && e.code === 'ALREADY_EXISTS',
    );
    const outside = guestProfile(vm('out'), { disks: [{ from: '/etc/hostname', linked: true }] });
    await assert.rejects(
      createVm(env.client, input(outside)),
      (e: unknown) => e instanceof HvError && e.exitCode === 4 && /disks\[0\]\.from/.test(e.message),
    );
    assert.throws(
      () => flagsToProfile(vm('big'), { memory: '10P' }),
      (e: unknown) => e instanceof HvError && e.exitCode === 4 && /memory/.test(e.message),
    );
    assert.deepEqual(await env.snapshot(), before);
  });

  for (const step of ['pool', 'disk', 'seed', 'define', 'start'] as const) {
    it(`a failure injected after step ${step} leaves nothing behind`, async () => {
      const before = await env.snapshot();
      const name = vm(`f-${step}`);
      const profile = guestProfile(name, { disks: [{ from: env.image, linked: true }, { size: '32M' }] });
      await assert.rejects(
        createVm(env.client, input(profile, { failAt: step, forceSeed: true, start: step === 'start' })),
        (e: unknown) => e instanceof HvError && e.message.includes(`HV_TEST_FAIL_AT=${step}`),
      );
      assert.deepEqual(await env.snapshot(), before);
      assert.equal(existsSync(join(env.config.state_dir, 'creating', `${name}.json`)), false);
    });
  }

  it('Ctrl-C (abort) while creating leaves nothing behind and says interrupted', async () => {
    const before = await env.snapshot();
    const ac = new AbortController();
    const name = vm('abort');
    const p = createVm(
      env.client,
      input(guestProfile(name), { failAt: 'pause:seed', forceSeed: true, signal: ac.signal }),
    );
    const journal = join(env.config.state_dir, 'creating', `${name}.json`);
    while (!(existsSync(journal) && readFileSync(journal, 'utf8').includes('cidata'))) {
      await new Promise((r) => setTimeout(r, 50));
    }
    ac.abort();
    await assert.rejects(p, (e: unknown) => e instanceof InterruptedError && e.exitCode === 130);
    assert.deepEqual(await env.snapshot(), before);
  });

  it('a profile file with a missing ISO is refused before anything is made', async () => {
    const before = await env.snapshot();
    const iso = join(env.dir, 'gone.iso');
    writeFileSync(iso, 'x');
    const profile = guestProfile(vm('iso'), { iso: join(env.dir, 'missing.iso') });
    await assert.rejects(
      createVm(env.client, input(profile)),
      (e: unknown) => e instanceof HvError && e.exitCode === 4 && /iso/.test(e.message),
    );
    assert.deepEqual(await env.snapshot(), before);
  });
});
