// StorageApi against libvirtd's test driver: pools (list, lookups, define/build/start/stop/delete/
// undefine, info, XML, autostart) and volumes (create, clone, lookups, info, resize, delete). The
// driver keeps everything in memory; one client stays open so its state lives for the whole file.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { LibvirtClient, LibvirtError, uuidString, type StoragePoolRef } from '../../src/libvirt/index.js';

const URI = 'test:///default';
const tag = randomBytes(3).toString('hex');
const poolName = `hvtest-storage-${tag}`;
const poolXml = `<pool type='dir'><name>${poolName}</name><target><path>/hvtest-nonexistent/${poolName}</path></target></pool>`;
const volXml = (name: string, bytes: number): string =>
  `<volume><name>${name}</name><capacity unit='bytes'>${bytes}</capacity><target><format type='raw'/></target></volume>`;

describe('StorageApi on test:///default', () => {
  let client: LibvirtClient;
  let defaultPool: StoragePoolRef;

  before(async () => {
    client = await LibvirtClient.connect(URI);
    defaultPool = await client.storage.lookupPoolByName('default-pool');
  });

  after(async () => {
    // Best-effort cleanup of anything a failed test left behind.
    for (const vol of await client.storage.listAllVolumes(defaultPool).catch(() => [])) {
      if (vol.name.includes(tag)) await client.storage.deleteVolume(vol).catch(() => undefined);
    }
    const pool = await client.storage.lookupPoolByName(poolName).catch(() => undefined);
    if (pool) {
      await client.storage.destroyPool(pool).catch(() => undefined);
      await client.storage.undefinePool(pool).catch(() => undefined);
    }
    await client.close();
  });

  it('lists default-pool and finds it by name, uuid and target path', async () => {
    const pools = await client.storage.listAllPools();
    assert.ok(pools.some((p) => p.name === 'default-pool'));
    const byUuid = await client.storage.lookupPoolByUuid(uuidString(defaultPool.uuid));
    assert.equal(byUuid.name, 'default-pool');
    const xml = await client.storage.getPoolXmlDesc(defaultPool);
    assert.match(xml, /<name>default-pool<\/name>/);
    const info = await client.storage.getPoolInfo(defaultPool);
    assert.equal(info.state, 2 /* RUNNING */);
    assert.ok(info.capacity >= info.allocation);
    assert.equal(await client.storage.isPoolActive(defaultPool), true);
  });

  it('defines, builds, starts, stops, deletes and undefines a pool; autostart round-trips', async () => {
    const pool = await client.storage.definePoolXml(poolXml);
    assert.equal(pool.name, poolName);
    assert.equal(await client.storage.isPoolActive(pool), false);
    assert.ok((await client.storage.listAllPools(1 /* INACTIVE */)).some((p) => p.name === poolName));
    await client.storage.buildPool(pool);
    await client.storage.createPool(pool);
    assert.equal(await client.storage.isPoolActive(pool), true);
    assert.ok((await client.storage.listAllPools(2 /* ACTIVE */)).some((p) => p.name === poolName));
    await client.storage.refreshPool(pool);
    assert.equal(await client.storage.getPoolAutostart(pool), false);
    await client.storage.setPoolAutostart(pool, true);
    assert.equal(await client.storage.getPoolAutostart(pool), true);
    await client.storage.destroyPool(pool);
    assert.equal((await client.storage.getPoolInfo(pool)).state, 0 /* INACTIVE */);
    await client.storage.deletePool(pool);
    await client.storage.undefinePool(pool);
    await assert.rejects(client.storage.lookupPoolByName(poolName), (err: unknown) => {
      assert.ok(err instanceof LibvirtError && err.isNoStoragePool(), String(err));
      return true;
    });
  });

  it('creates a volume, finds it by name/key/path, reads info and XML, clones and deletes', async () => {
    const name = `hvtest-vol-${tag}.img`;
    const vol = await client.storage.createVolumeXml(defaultPool, volXml(name, 1 << 20));
    assert.equal(vol.name, name);
    assert.equal(vol.pool, 'default-pool');
    const path = await client.storage.getVolumePath(vol);
    assert.ok(path.endsWith(name), path);
    assert.deepEqual(await client.storage.lookupVolumeByName(defaultPool, name), vol);
    assert.deepEqual(await client.storage.lookupVolumeByKey(vol.key), vol);
    assert.deepEqual(await client.storage.lookupVolumeByPath(path), vol);
    assert.equal((await client.storage.lookupPoolByVolume(vol)).name, 'default-pool');
    const info = await client.storage.getVolumeInfo(vol);
    assert.equal(info.capacity, 1n << 20n);
    assert.match(
      await client.storage.getVolumeXmlDesc(vol),
      new RegExp(`<name>${name.replace('.', '\\.')}</name>`),
    );
    assert.ok((await client.storage.listAllVolumes(defaultPool)).some((v) => v.name === name));

    const cloneName = `hvtest-clone-${tag}.img`;
    const clone = await client.storage.createVolumeXmlFrom(defaultPool, volXml(cloneName, 1 << 20), vol);
    assert.equal(clone.name, cloneName);
    await client.storage.deleteVolume(clone);

    // The test driver has no resize or upload: the daemon's refusal arrives as a typed error.
    const noSupport = (err: unknown): boolean => {
      assert.ok(err instanceof LibvirtError && err.isNoSupport(), String(err));
      return true;
    };
    await assert.rejects(client.storage.resizeVolume(vol, 2n << 20n), noSupport);
    await assert.rejects(client.storage.uploadVolume(vol, Buffer.alloc(16)), noSupport);

    await client.storage.deleteVolume(vol);
    await assert.rejects(client.storage.lookupVolumeByName(defaultPool, name), (err: unknown) => {
      assert.ok(err instanceof LibvirtError && err.isNoStorageVol(), String(err));
      return true;
    });
  });
});
