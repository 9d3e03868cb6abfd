// Event families other than domain lifecycle, against libvirtd's test driver: network and storage pool
// lifecycle, the connection-close callback registration, a bounded buffer under a burst, and abort.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { LibvirtClient } from '../../src/libvirt/index.js';
import { defineProcedure } from '../../src/libvirt/rpc/procedure-spec.js';
import { RemoteProc } from '../../src/libvirt/protocol/procedures.js';
import { xdr } from '../../src/libvirt/xdr/index.js';
import {
  nonnullNetwork,
  nonnullStoragePool,
  nonnullString,
} from '../../src/libvirt/protocol/remote-types.js';

const suffix = randomBytes(3).toString('hex');

// Test-only specs for the objects whose events we trigger (the typed wrappers belong to other modules).
const networkDefineXml = defineProcedure({
  name: 'NETWORK_DEFINE_XML',
  procedure: RemoteProc.NETWORK_DEFINE_XML,
  args: xdr.struct({ xml: nonnullString }),
  ret: xdr.struct({ net: nonnullNetwork }),
});
const networkUndefine = defineProcedure({
  name: 'NETWORK_UNDEFINE',
  procedure: RemoteProc.NETWORK_UNDEFINE,
  args: xdr.struct({ net: nonnullNetwork }),
  ret: xdr.void,
});
const poolDefineXml = defineProcedure({
  name: 'STORAGE_POOL_DEFINE_XML',
  procedure: RemoteProc.STORAGE_POOL_DEFINE_XML,
  args: xdr.struct({ xml: nonnullString, flags: xdr.uint }),
  ret: xdr.struct({ pool: nonnullStoragePool }),
});
const poolUndefine = defineProcedure({
  name: 'STORAGE_POOL_UNDEFINE',
  procedure: RemoteProc.STORAGE_POOL_UNDEFINE,
  args: xdr.struct({ pool: nonnullStoragePool }),
  ret: xdr.void,
});

describe('EventApi on test:///default', () => {
  let client: LibvirtClient;

  before(async () => {
    client = await LibvirtClient.connect('test:///default');
  });
  after(async () => {
    await client.close();
  });

  it('delivers network lifecycle events (DEFINED, UNDEFINED)', async () => {
    const sub = await client.events.networkLifecycle();
    const name = `hvtest-net-${suffix}`;
    const { net } = await client.caller.call(networkDefineXml, {
      xml: `<network><name>${name}</name><bridge name='hvt${suffix}'/></network>`,
    });
    await client.caller.call(networkUndefine, { net });
    const seen: number[] = [];
    while (seen.length < 2) {
      const r = await sub.next();
      assert.ok(r.done !== true);
      if (r.value.net.name === name) seen.push(r.value.event);
    }
    assert.deepEqual(seen, [0, 1]);
    await sub.return?.();
  });

  it('delivers storage pool lifecycle events (DEFINED, UNDEFINED)', async () => {
    const sub = await client.events.storagePoolLifecycle();
    const name = `hvtest-pool-${suffix}`;
    const { pool } = await client.caller.call(poolDefineXml, {
      xml: `<pool type='dir'><name>${name}</name><target><path>/tmp/${name}</path></target></pool>`,
      flags: 0,
    });
    await client.caller.call(poolUndefine, { pool });
    const seen: number[] = [];
    while (seen.length < 2) {
      const r = await sub.next();
      assert.ok(r.done !== true);
      if (r.value.pool.name === name) seen.push(r.value.event);
    }
    assert.deepEqual(seen, [0, 1]);
    await sub.return?.();
  });

  it('shares one close-callback registration between subscribers', async () => {
    const a = await client.events.connectionClosed();
    const b = await client.events.connectionClosed();
    await a.return?.();
    await b.return?.();
    const c = await client.events.connectionClosed(); // registering again works after both left
    await c.close();
    assert.equal((await c.next()).done, true);
  });

  it('keeps only the newest events of a burst in a small buffer, counting the dropped', async () => {
    const test = await client.domains.lookupByName('test');
    const sub = await client.events.domainLifecycle({ dom: test, bufferSize: 2 });
    for (let i = 0; i < 3; i++) {
      await client.domains.suspend(test);
      await client.domains.resume(test);
    }
    // The daemon queues events asynchronously: do round trips until all six have arrived.
    for (let i = 0; i < 500 && sub.dropped < 4; i++) await client.connection.getHostname();
    assert.equal(sub.dropped, 4);
    const last = [await sub.next(), await sub.next()].map((r) => (r.done === true ? -1 : r.value.event));
    assert.deepEqual(last, [3, 4]);
    await sub.return?.();
  });

  it('two watchers of one domain on one connection share the registration libvirtd allows once', async () => {
    const test = await client.domains.lookupByName('test');
    const nextEvent = async (sub: AsyncIterator<{ event: number }>): Promise<number> => {
      const r = await sub.next();
      return r.done === true ? -1 : r.value.event;
    };
    const a = await client.events.domainLifecycle({ dom: test });
    // libvirtd itself refuses a second registration of this event for this domain on this connection
    // ("event callback already tracked"); the hub must not send one.
    const b = await client.events.domainLifecycle({ dom: test });
    assert.equal(a.callbackID, b.callbackID);
    await client.domains.suspend(test);
    assert.equal(await nextEvent(a), 3);
    assert.equal(await nextEvent(b), 3);
    await a.close();
    await client.domains.resume(test);
    assert.equal(await nextEvent(b), 4);
    await b.close();
    const c = await client.events.domainLifecycle({ dom: test });
    await client.domains.suspend(test);
    assert.equal(await nextEvent(c), 3);
    await client.domains.resume(test);
    await c.close();
  });

  it('ends the iterator when its signal aborts', async () => {
    const ac = new AbortController();
    const sub = await client.events.domainReboot({ signal: ac.signal });
    const pending = sub.next();
    ac.abort();
    assert.equal((await pending).done, true);
  });
});
