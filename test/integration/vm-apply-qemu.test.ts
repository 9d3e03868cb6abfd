// hv vm apply on qemu:///system. Offline: more memory and another NIC reach the domain XML with the
// UUID and the first NIC's MAC kept; applying again changes nothing; a changed disk count is refused;
// a snapshot policy and a foreign hv element survive. Live, on the running tiny guest: memory within
// the boot-time maximum through the balloon, a hot-plugged NIC (same MAC live and persistent), and
// vCPUs reported as 'at next boot'.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createVm } from '../../src/core/vm/create/create-vm.js';
import { applyProfile } from '../../src/core/vm/apply/apply-profile.js';
import { parseProfileObject } from '../../src/core/profile/parse-profile-text.js';
import { HvError } from '../../src/core/errors/index.js';
import { getSnapshotPolicies, setSnapshotPolicy } from '../../src/core/snapshot/policy-service.js';
import { DomainAffectFlags, DomainMetadataType } from '../../src/libvirt/index.js';
import { GUEST_MARKERS } from '../helpers/test-guest.js';
import { StreamText } from '../helpers/stream-text.js';
import { vmCreateEnv, type VmCreateEnv } from '../helpers/vm-create-env.js';

const NOT_ROOT = process.getuid?.() !== 0 ? 'needs root (qemu:///system)' : false;
const name = `hvt-ap-${Math.random().toString(36).slice(2, 7)}`;
const liveName = `${name}-live`;
const NS = 'https://hv.dev/xmlns/vm/1';
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
  await env.dispose([name, liveName]);
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

  it('keeps a snapshot policy and hv elements it does not own across an apply', async () => {
    const d = env.client.domains;
    await setSnapshotPolicy(env.client, name, {
      name: 'daily',
      retention: { keepDaily: 7 },
      timeZone: 'UTC',
    });
    // Another engineer's element inside hv's <vm>, added the way they would (not the template marker:
    // apply refuses templates).
    const dom = await d.lookupByName(name);
    const meta = await d.getMetadata(dom, DomainMetadataType.ELEMENT, NS, DomainAffectFlags.CONFIG);
    const marked = meta.replace(/<\/vm>\s*$/, '<schedule-hint sealed="no"/></vm>');
    await d.setMetadata(dom, DomainMetadataType.ELEMENT, marked, 'hv', NS, DomainAffectFlags.CONFIG);
    const r = await applyProfile(env.client, env.config, profile('384M', 2), {
      kvm: false,
      baseDir: env.dir,
    });
    assert.deepEqual(
      r.changes.map((c) => c.field),
      ['memory'],
    );
    const xml = await d.getXmlDesc(await d.lookupByName(name), 2);
    assert.match(xml, /<memory unit='KiB'>393216<\/memory>/);
    assert.deepEqual(
      (await getSnapshotPolicies(env.client, name)).map((p) => [p.name, p.retention.keepDaily]),
      [['daily', 7]],
    );
    assert.match(xml, /<hv:schedule-hint sealed="no"\/>/);
    assert.equal(xml.match(/<hv:profile /g)?.length, 1);
  });

  it('refuses a template (sealed base of clones) and leaves it unchanged', async () => {
    const d = env.client.domains;
    const dom = await d.lookupByName(name);
    const meta = await d.getMetadata(dom, DomainMetadataType.ELEMENT, NS, DomainAffectFlags.CONFIG);
    const sealed = meta.replace(/<\/vm>\s*$/, '<template/></vm>');
    await d.setMetadata(dom, DomainMetadataType.ELEMENT, sealed, 'hv', NS, DomainAffectFlags.CONFIG);
    const before = await d.getXmlDesc(dom, 2);
    await assert.rejects(
      applyProfile(env.client, env.config, profile('512M', 2), { kvm: false, baseDir: env.dir }),
      (e: unknown) => e instanceof HvError && e.exitCode === 7 && /is a template/.test(e.message),
    );
    assert.equal(await d.getXmlDesc(dom, 2), before);
    await d.setMetadata(dom, DomainMetadataType.ELEMENT, meta, 'hv', NS, DomainAffectFlags.CONFIG);
  });

  it('on the running guest: memory within the maximum and a new NIC live, vCPUs at next boot', async () => {
    const d = env.client.domains;
    const live = (memory: string, nics: number, cpus = 1) =>
      parseProfileObject({
        name: liveName,
        cpus,
        memory,
        disks: [{ from: env.image, linked: true }],
        nics: Array.from({ length: nics }, () => ({ user: true })),
        graphics: { type: 'none' },
      }).profile;
    await createVm(env.client, {
      profile: live('384M', 1),
      config: env.config,
      kvm: false,
      media: { baseDir: env.dir },
    });
    let dom = await d.lookupByName(liveName);
    dom = await d.createWithFlags(dom, 1);
    const tty = await d.openConsole(dom);
    const text = new StreamText(tty);
    await d.resume(dom);
    await text.waitFor(new RegExp(`${GUEST_MARKERS.ready}[^\\r\\n]*\\r?\\n`), 180_000);
    tty.destroy();
    await setSnapshotPolicy(env.client, liveName, {
      name: 'hourly',
      retention: { keepHourly: 3 },
      timeZone: 'UTC',
    });
    const opts = { kvm: false, baseDir: env.dir };
    // Less memory first (the balloon gives it back), then more again, still within the 384 MiB the
    // guest booted with; a second NIC hot-plugged; two vCPUs cannot be added live.
    const down = await applyProfile(env.client, env.config, live('256M', 1), opts);
    assert.deepEqual(down.live, ['memory: 384 MiB -> 256 MiB (balloon)']);
    const r = await applyProfile(env.client, env.config, live('320M', 2, 2), opts);
    assert.deepEqual(r.changes.map((c) => c.field).sort(), ['cpus', 'memory', 'nics']);
    assert.deepEqual(r.live, ['memory: 256 MiB -> 320 MiB (balloon)', 'nics: NIC 1 attached']);
    assert.deepEqual(r.nextBoot, ['cpus']);
    assert.deepEqual(r.notes, []);
    const liveXml = await d.getXmlDesc(dom, 0);
    const persistent = await d.getXmlDesc(dom, 2);
    assert.equal((await d.getState(dom)).state, 1, 'still running');
    const macs = (x: string) => [...x.matchAll(/<mac address='([^']+)'/g)].map((m) => m[1]);
    assert.equal(macs(liveXml).length, 2);
    assert.deepEqual(macs(liveXml), macs(persistent), 'the hot-plugged NIC has the same MAC at next boot');
    assert.match(liveXml, /<memory unit='KiB'>393216<\/memory>/, 'the running maximum stays');
    assert.match(liveXml, /<vcpu placement='static'>1<\/vcpu>/);
    assert.match(persistent, /<memory unit='KiB'>327680<\/memory>/);
    assert.match(persistent, /<vcpu placement='static'>2<\/vcpu>/);
    const balloon = Number((await d.getInfo(dom)).memoryKiB);
    assert.ok(balloon <= 393216, `balloon ${balloon}`);
    // Above the running maximum: not live, with the reason, at next boot.
    const up = await applyProfile(env.client, env.config, live('512M', 2, 2), opts);
    assert.deepEqual(up.live, []);
    assert.deepEqual(up.nextBoot, ['memory']);
    assert.match(up.notes[0] ?? '', /^memory: above the running maximum of 384 MiB/);
    assert.deepEqual(
      (await getSnapshotPolicies(env.client, liveName)).map((p) => p.name),
      ['hourly'],
    );
    assert.match(liveXml, /<hv:snapshot-policies>/);
    await d.destroyFlags(dom);
  });
});
