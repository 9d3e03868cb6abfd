// The typed domain API against libvirtd's test driver (test:///default through the daemon's socket).
// One client stays open for the whole file: the test driver forgets its state when the last
// connection closes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  LibvirtClient,
  LibvirtError,
  decodeVersion,
  listDomainsWithStats,
  uuidString,
  type DomainLifecycleEvent,
  type EventSubscription,
} from '../../src/libvirt/index.js';
import { fromLibvirtError } from '../../src/core/libvirt-errors.js';
import { VmService } from '../../src/core/vm/vm-service.js';
import { HV_METADATA_NS, readVmTags } from '../../src/core/vm/vm-tags.js';
import { HvError } from '../../src/core/errors/index.js';

const URI = 'test:///default';
const name = `hvtest-dom-${randomBytes(3).toString('hex')}`;
const xml = `<domain type='test'><name>${name}</name><memory unit='KiB'>65536</memory><vcpu>2</vcpu><os><type>hvm</type></os></domain>`;

/** Lifecycle event numbers (VIR_DOMAIN_EVENT_*). */
const EV = { DEFINED: 0, UNDEFINED: 1, STARTED: 2, SUSPENDED: 3, RESUMED: 4, STOPPED: 5 } as const;

async function nextFor(
  sub: EventSubscription<DomainLifecycleEvent>,
  who: string,
): Promise<DomainLifecycleEvent> {
  for (;;) {
    const r = await sub.next();
    assert.equal(r.done, false, 'event stream ended');
    if (r.value.dom.name === who) return r.value;
  }
}

describe('DomainApi on test:///default', () => {
  let client: LibvirtClient;
  let events: EventSubscription<DomainLifecycleEvent>;

  before(async () => {
    client = await LibvirtClient.connect(URI);
    events = await client.events.domainLifecycle();
  });

  after(async () => {
    await events.return?.();
    await client.close();
  });

  it('answers the connect basics', async () => {
    assert.equal(await client.connection.getType(), 'TEST');
    assert.equal(await client.connection.getUri(), URI);
    assert.ok((await client.connection.getHostname()).length > 0);
    const lib = decodeVersion(await client.connection.getLibVersion());
    assert.ok(lib.major >= 6, `libvirt ${lib.text}`);
    assert.match(await client.connection.getCapabilities(), /<capabilities>/);
    assert.equal(await client.connection.supportsFeature(14), true);
  });

  it('lists the default running domain "test" and looks it up three ways', async () => {
    const all = await client.domains.listAll();
    const test = all.find((d) => d.name === 'test');
    assert.ok(test, `domains: ${all.map((d) => d.name).join(', ')}`);
    assert.ok(test.id > 0);
    const byName = await client.domains.lookupByName('test');
    assert.deepEqual(byName.uuid, test.uuid);
    assert.equal((await client.domains.lookupByUuid(uuidString(test.uuid))).name, 'test');
    assert.equal((await client.domains.lookupById(test.id)).name, 'test');
    const state = await client.domains.getState(byName);
    assert.equal(state.state, 1);
    const info = await client.domains.getInfo(byName);
    assert.equal(info.state, 1);
    assert.ok(info.maxMemKiB > 0n);
    assert.ok(info.nrVirtCpu >= 1);
  });

  it('reports a missing domain as NO_DOMAIN, which core maps to VM_NOT_FOUND', async () => {
    const err = await client.domains.lookupByName(`${name}-absent`).catch((e: unknown) => e);
    assert.ok(err instanceof LibvirtError);
    assert.equal(err.isNoDomain(), true);
    assert.equal(fromLibvirtError(err).code, 'VM_NOT_FOUND');
  });

  it('defines, starts, suspends, resumes, destroys and undefines, with events in order', async () => {
    const dom = await client.domains.defineXml(xml, 1 /* VALIDATE */);
    assert.equal(dom.name, name);
    assert.equal(dom.id, -1);
    assert.deepEqual(await nextFor(events, name), { dom, event: EV.DEFINED, detail: 0 });
    assert.match(await client.domains.getXmlDesc(dom), new RegExp(`<name>${name}</name>`));

    const running = await client.domains.createWithFlags(dom);
    assert.ok(running.id > 0);
    assert.equal((await nextFor(events, name)).event, EV.STARTED);
    assert.equal((await client.domains.getState(dom)).state, 1);

    await client.domains.suspend(running);
    assert.equal((await nextFor(events, name)).event, EV.SUSPENDED);
    assert.equal((await client.domains.getState(dom)).state, 3);
    await client.domains.resume(running);
    assert.equal((await nextFor(events, name)).event, EV.RESUMED);

    await client.domains.setAutostart(dom, true);
    assert.equal(await client.domains.getAutostart(dom), true);
    const listed = await listDomainsWithStats(client);
    const mine = listed.find((d) => d.name === name);
    assert.ok(mine, 'listDomainsWithStats includes the new domain');
    assert.equal(mine.state, 1);
    assert.equal(mine.autostart, true);
    assert.equal(mine.uuid, uuidString(dom.uuid));
    await client.domains.setAutostart(dom, false);

    await client.domains.destroyFlags(running);
    const stopped = await nextFor(events, name);
    assert.equal(stopped.event, EV.STOPPED);
    assert.equal(stopped.detail, 1 /* DESTROYED */);
    assert.equal((await client.domains.getState(dom)).state, 5);

    await client.domains.undefine(dom);
    assert.equal((await nextFor(events, name)).event, EV.UNDEFINED);
    await assert.rejects(
      client.domains.lookupByName(name),
      (e: unknown) => e instanceof LibvirtError && e.isNoDomain(),
    );
  });

  it('filters events by domain', async () => {
    const other = `${name}-b`;
    const only = await client.events.domainLifecycle({ dom: await client.domains.lookupByName('test') });
    const dom = await client.domains.defineXml(xml.replace(`<name>${name}</name>`, `<name>${other}</name>`));
    await client.domains.undefine(dom);
    const test = await client.domains.lookupByName('test');
    await client.domains.suspend(test);
    await client.domains.resume(test);
    const first = await only.next();
    assert.ok(first.done !== true, 'an event arrived');
    assert.equal(first.value.dom.name, 'test');
    assert.equal(first.value.event, EV.SUSPENDED);
    await only.return?.();
    assert.equal((await only.next()).done, true);
  });

  it('sets and reads element metadata; VmService filters by tag', async () => {
    const test = await client.domains.lookupByName('test');
    await client.domains.setMetadata(test, 2, '<vm><tags><tag>web</tag></tags></vm>', 'hv', HV_METADATA_NS);
    assert.match(await client.domains.getMetadata(test, 2, HV_METADATA_NS), /<tag>web<\/tag>/);
    const vms = new VmService(client);
    assert.deepEqual(
      (await vms.list({ tag: 'web' })).map((v) => [v.name, v.tags]),
      [['test', ['web']]],
    );
    assert.deepEqual(await vms.list({ tag: 'db' }), []);
    assert.deepEqual(
      (await vms.list({ state: 'running' })).map((v) => v.name),
      ['test'],
    );
    await client.domains.setMetadata(test, 2, undefined, undefined, HV_METADATA_NS);
    await assert.rejects(
      client.domains.getMetadata(test, 2, HV_METADATA_NS),
      (e: unknown) => e instanceof LibvirtError && e.isNoDomainMetadata(),
    );
    // Without metadata, and for a VM gone since it was listed, a VM has no tags.
    assert.deepEqual(await readVmTags(client, test), []);
    const gone = { name: 'hvtest-gone', uuid: randomBytes(16), id: -1 };
    assert.deepEqual(await readVmTags(client, gone), []);
    // Anything else is an error, so a tag filter never silently drops VMs.
    const closed = await LibvirtClient.connect(URI);
    await closed.close();
    await assert.rejects(readVmTags(closed, test), (e: unknown) => e instanceof HvError);
    // hv ls's listing reads tags through the same path, without a lookup.
    await client.domains.setMetadata(test, 2, '<vm><tags><tag>db</tag></tags></vm>', 'hv', HV_METADATA_NS);
    const rows = await vms.listDetailed({ tag: 'db', cpuSampleMs: 0 });
    assert.deepEqual(
      rows.map((r) => [r.name, r.tags]),
      [['test', ['db']]],
    );
    assert.deepEqual(await vms.listDetailed({ tag: 'web', cpuSampleMs: 0 }), []);
    await client.domains.setMetadata(test, 2, undefined, undefined, HV_METADATA_NS);
  });

  it('reads memory and blkio tunables with the count-first pattern', async () => {
    const test = await client.domains.lookupByName('test');
    const mem = await client.domains.getMemoryParameters(test);
    assert.deepEqual(
      mem.map((p) => [p.field, p.value.type]),
      [
        ['hard_limit', 'ullong'],
        ['soft_limit', 'ullong'],
        ['swap_hard_limit', 'ullong'],
      ],
    );
    const blkio = await client.domains.getBlkioParameters(test);
    assert.equal(blkio[0]?.field, 'weight');
  });

  it('takes a screenshot through a download stream', async () => {
    const test = await client.domains.lookupByName('test');
    const shot = await client.domains.screenshot(test);
    assert.equal(shot.mime, 'image/png');
    const chunks: Buffer[] = [];
    for await (const chunk of shot.stream) chunks.push(chunk as Buffer);
    const png = Buffer.concat(chunks);
    assert.ok(png.length > 100);
    assert.equal(png.subarray(0, 8).toString('hex'), '89504e470d0a1a0a');
  });
});
