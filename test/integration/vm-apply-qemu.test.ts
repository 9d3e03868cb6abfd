// hv vm apply on qemu:///system (offline VM): more memory and another NIC reach the domain XML with
// the UUID and the first NIC's MAC kept; applying again changes nothing; a changed disk count is refused.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createVm } from '../../src/core/vm/create/create-vm.js';
import { applyProfile } from '../../src/core/vm/apply/apply-profile.js';
import { parseProfileObject } from '../../src/core/profile/parse-profile-text.js';
import { HvError } from '../../src/core/errors/index.js';
import { vmCreateEnv, type VmCreateEnv } from '../helpers/vm-create-env.js';

const NOT_ROOT = process.getuid?.() !== 0 ? 'needs root (qemu:///system)' : false;
const name = `hvt-ap-${Math.random().toString(36).slice(2, 7)}`;
let env: VmCreateEnv;

const profile = (memory: string, nics: number, disks = 1) =>
  parseProfileObject({
    name,
    cpus: 1,
    memory,
    disks: Array.from({ length: disks }, () => ({ size: '32M' })),
    nics: Array.from({ length: nics }, () => ({ user: true })),
    graphics: { type: 'none' },
  }).profile;

before(async () => {
  if (NOT_ROOT) return;
  env = await vmCreateEnv('apply');
});
after(async () => {
  if (NOT_ROOT) return;
  await env.dispose([name]);
});

describe('hv vm apply on qemu:///system', { skip: NOT_ROOT }, () => {
  it('applies more memory and another NIC, keeping UUID and MAC; a second apply changes nothing', async () => {
    await createVm(env.client, {
      profile: profile('256M', 1),
      config: env.config,
      kvm: false,
      media: { baseDir: env.dir },
    });
    const dom = await env.client.domains.lookupByName(name);
    const before = await env.client.domains.getXmlDesc(dom);
    const mac = /<mac address='([^']+)'/.exec(before)?.[1];
    assert.ok(mac);
    const opts = { kvm: false, baseDir: env.dir };
    const r = await applyProfile(env.client, env.config, profile('512M', 2), opts);
    assert.deepEqual(r.changes.map((c) => c.field).sort(), ['memory', 'nics']);
    assert.deepEqual(
      r.changes.find((c) => c.field === 'memory'),
      { field: 'memory', old: '"256M"', new: '"512M"' },
    );
    const afterXml = await env.client.domains.getXmlDesc(await env.client.domains.lookupByName(name));
    assert.equal(/<uuid>([^<]+)/.exec(afterXml)?.[1], /<uuid>([^<]+)/.exec(before)?.[1]);
    assert.match(afterXml, /<memory unit='KiB'>524288<\/memory>/);
    const macs = [...afterXml.matchAll(/<mac address='([^']+)'/g)].map((m) => m[1]);
    assert.equal(macs.length, 2);
    assert.equal(macs[0], mac);
    assert.match(afterXml, new RegExp(`${name}-disk0\\.qcow2`));
    const again = await applyProfile(env.client, env.config, profile('512M', 2), opts);
    assert.deepEqual(again.changes, []);
  });

  it('refuses a different number of disks with exit 4 naming disks, changing nothing', async () => {
    const dom = await env.client.domains.lookupByName(name);
    const before = await env.client.domains.getXmlDesc(dom);
    await assert.rejects(
      applyProfile(env.client, env.config, profile('512M', 2, 2), { kvm: false, baseDir: env.dir }),
      (e: unknown) => e instanceof HvError && e.exitCode === 4 && /^disks/.test(e.message),
    );
    assert.equal(await env.client.domains.getXmlDesc(dom), before);
  });
});
