// StorageApi against qemu:///system: a dir pool of our own under /var/lib/libvirt/images, volumes
// created, resized (ALLOCATE / DELTA / SHRINK), cloned to qcow2, wiped and deleted, and 10 MiB of
// random bytes uploaded through a stream and downloaded back, compared by SHA-256. Each step is
// checked against the file on disk (stat, qemu-img), not only against what libvirt says.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import {
  LibvirtClient,
  LibvirtError,
  type StoragePoolRef,
  type StorageVolRef,
} from '../../src/libvirt/index.js';
import { StorageVolResizeFlags } from '../../src/libvirt/protocol/flags.js';

const NOT_ROOT = process.getuid?.() !== 0 ? 'needs root (qemu:///system)' : false;
const MiB = 1024 * 1024;
const tag = randomBytes(4).toString('hex');
const poolName = `hvtest-storage-${tag}`;
const poolPath = `/var/lib/libvirt/images/${poolName}`;
const poolXml = `<pool type='dir'><name>${poolName}</name><target><path>${poolPath}</path><permissions><mode>0755</mode></permissions></target></pool>`;
const volXml = (name: string, bytes: number, format: 'raw' | 'qcow2'): string =>
  `<volume><name>${name}</name><capacity unit='bytes'>${bytes}</capacity><target><format type='${format}'/></target></volume>`;

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function qemuImgInfo(path: string): { format: string; 'virtual-size': number } {
  return JSON.parse(execFileSync('qemu-img', ['info', '--output=json', path], { encoding: 'utf8' })) as {
    format: string;
    'virtual-size': number;
  };
}

describe('StorageApi on qemu:///system (dir pool, volumes, upload/download)', { skip: NOT_ROOT }, () => {
  let client: LibvirtClient;
  let pool: StoragePoolRef;
  const figures: string[] = [];

  before(async () => {
    client = await LibvirtClient.connect('qemu:///system');
    pool = await client.storage.definePoolXml(poolXml);
    await client.storage.buildPool(pool);
    await client.storage.createPool(pool);
  });

  after(async () => {
    if (figures.length > 0) console.log(`# storage figures: ${figures.join('; ')}`);
    const p = await client.storage.lookupPoolByName(poolName).catch(() => undefined);
    if (p) {
      for (const v of await client.storage.listAllVolumes(p).catch(() => [])) {
        await client.storage.deleteVolume(v).catch(() => undefined);
      }
      await client.storage.destroyPool(p).catch(() => undefined);
      await client.storage.deletePool(p).catch(() => undefined);
      await client.storage.undefinePool(p).catch(() => undefined);
    }
    await client.close();
  });

  it('the built and started pool is active and found by its target path', async () => {
    assert.ok(statSync(poolPath).isDirectory());
    assert.equal(await client.storage.isPoolActive(pool), true);
    assert.equal((await client.storage.lookupPoolByTargetPath(poolPath)).name, poolName);
    const info = await client.storage.getPoolInfo(pool);
    assert.equal(info.state, 2 /* RUNNING */);
    assert.ok(info.available > 0n);
  });

  it('resizes a sparse raw volume: DELTA grows, SHRINK shrinks, ALLOCATE allocates', async () => {
    const xml = `<volume><name>resize.raw</name><capacity unit='bytes'>${16 * MiB}</capacity><allocation>0</allocation><target><format type='raw'/></target></volume>`;
    const vol = await client.storage.createVolumeXml(pool, xml);
    const path = await client.storage.getVolumePath(vol);
    assert.equal(path, `${poolPath}/resize.raw`);
    assert.equal(statSync(path).size, 16 * MiB);

    await client.storage.resizeVolume(vol, 16 * MiB, StorageVolResizeFlags.DELTA);
    assert.equal((await client.storage.getVolumeInfo(vol)).capacity, BigInt(32 * MiB));
    assert.equal(statSync(path).size, 32 * MiB);

    await assert.rejects(client.storage.resizeVolume(vol, 8 * MiB), LibvirtError, 'shrinking needs SHRINK');
    await client.storage.resizeVolume(vol, 8 * MiB, StorageVolResizeFlags.SHRINK);
    assert.equal(statSync(path).size, 8 * MiB);
    assert.equal((await client.storage.getVolumeInfo(vol)).capacity, BigInt(8 * MiB));

    const before = (await client.storage.getVolumeInfo(vol)).allocation;
    await client.storage.resizeVolume(vol, 24 * MiB, StorageVolResizeFlags.ALLOCATE);
    const info = await client.storage.getVolumeInfo(vol);
    assert.equal(info.capacity, BigInt(24 * MiB));
    assert.ok(info.allocation - before >= BigInt(16 * MiB), `allocation ${before} -> ${info.allocation}`);
    assert.ok(statSync(path).blocks * 512 >= 16 * MiB, 'the host file really holds the allocated blocks');

    await client.storage.deleteVolume(vol);
    assert.equal(existsSync(path), false);
    await assert.rejects(client.storage.lookupVolumeByPath(path), (err: unknown) => {
      assert.ok(err instanceof LibvirtError && err.isNoStorageVol(), String(err));
      return true;
    });
  });

  it('uploads 10 MiB of random bytes and downloads them back unchanged (SHA-256)', async () => {
    const data = randomBytes(10 * MiB);
    const vol = await client.storage.createVolumeXml(pool, volXml('data.raw', data.length, 'raw'));
    const path = await client.storage.getVolumePath(vol);

    const t0 = performance.now();
    // 64 KiB chunks from a Readable: the stream's backpressure paces the source.
    const chunks = Array.from({ length: data.length / 65536 }, (_, i) =>
      data.subarray(i * 65536, (i + 1) * 65536),
    );
    const sent = await client.storage.uploadVolume(vol, Readable.from(chunks));
    const upMs = performance.now() - t0;
    assert.equal(sent, BigInt(data.length));
    assert.equal(sha256(readFileSync(path)), sha256(data), 'file on disk');

    const t1 = performance.now();
    const back = await readAll(await client.storage.downloadVolume(vol));
    const downMs = performance.now() - t1;
    assert.equal(back.length, data.length);
    assert.equal(sha256(back), sha256(data));
    figures.push(
      `upload 10 MiB ${upMs.toFixed(0)} ms (${((10 / upMs) * 1000).toFixed(1)} MiB/s)`,
      `download 10 MiB ${downMs.toFixed(0)} ms (${((10 / downMs) * 1000).toFixed(1)} MiB/s)`,
    );

    // A range: offset 3 MiB + 5 bytes, length 1 MiB.
    const offset = 3 * MiB + 5;
    const part = await readAll(await client.storage.downloadVolume(vol, { offset, length: MiB }));
    assert.deepEqual(part, data.subarray(offset, offset + MiB));

    // Overwrite 4 KiB in the middle with an offset upload; the rest stays.
    const patch = randomBytes(4096);
    await client.storage.uploadVolume(vol, patch, { offset: 5 * MiB, length: patch.length });
    const expected = Buffer.from(data);
    patch.copy(expected, 5 * MiB);
    assert.equal(sha256(await readAll(await client.storage.downloadVolume(vol))), sha256(expected));

    await client.storage.wipeVolume(vol);
    const wiped = await readAll(await client.storage.downloadVolume(vol, { length: MiB }));
    assert.equal(wiped.length, MiB);
    assert.ok(
      wiped.every((b) => b === 0),
      'wiped volume reads as zeros',
    );
  });

  it('clones a raw volume into a new qcow2 volume (convert) with createVolumeXmlFrom', async () => {
    const src = await client.storage.lookupVolumeByName(pool, 'data.raw');
    const clone = await client.storage.createVolumeXmlFrom(
      pool,
      volXml('clone.qcow2', 10 * MiB, 'qcow2'),
      src,
    );
    const path = await client.storage.getVolumePath(clone);
    const info = qemuImgInfo(path);
    assert.equal(info.format, 'qcow2');
    assert.equal(info['virtual-size'], 10 * MiB);
    assert.match(await client.storage.getVolumeXmlDesc(clone), /<format type='qcow2'\/>/);
    assert.deepEqual(await client.storage.lookupVolumeByKey(clone.key), clone);
    const names = (await client.storage.listAllVolumes(pool)).map((v) => v.name).sort();
    assert.deepEqual(names, ['clone.qcow2', 'data.raw']);
    await client.storage.refreshPool(pool);
    assert.equal((await client.storage.lookupPoolByVolume(clone)).name, poolName);
  });

  it('a failing upload source and a destroyed download abort their streams; the connection goes on', async () => {
    const vol: StorageVolRef = await client.storage.createVolumeXml(
      pool,
      volXml('abort.raw', 4 * MiB, 'raw'),
    );
    let reads = 0;
    const failing = new Readable({
      read() {
        if (reads++ === 0) this.push(Buffer.alloc(MiB, 1));
        else this.destroy(new Error('source broke'));
      },
    });
    await assert.rejects(client.storage.uploadVolume(vol, failing), /source broke/);

    const down = await client.storage.downloadVolume(vol);
    const first: unknown = await new Promise((resolve, reject) => {
      down.once('data', resolve);
      down.once('error', reject);
    });
    assert.ok(Buffer.isBuffer(first) && first.length > 0);
    down.destroy();
    await new Promise((resolve) => down.once('close', resolve));

    // Both streams were aborted on the wire; the connection still serves calls and streams.
    assert.equal((await client.storage.getVolumeInfo(vol)).capacity, BigInt(4 * MiB));
    const all = await readAll(await client.storage.downloadVolume(vol, { length: MiB }));
    assert.equal(all.length, MiB);
    await client.storage.deleteVolume(vol);
  });
});
