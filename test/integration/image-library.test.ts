// ImageService against the real libvirtd (qemu:///system) and a loopback HTTP server: the library
// pool is created on first use (dir pool over images.dir, active, autostart), pulled images are
// volumes libvirt knows, the remote-style transfer (volume upload stream) stores the same bytes, a VM
// naming the image as a pool volume blocks rm, and the figures (loopback download and verify rate).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LibvirtClient } from '../../src/libvirt/index.js';
import { parseConfigText } from '../../src/core/config/parse-config-text.js';
import { ImageService } from '../../src/core/image/image-service.js';
import { HvError } from '../../src/core/errors/index.js';
import { openStateDb, type StateDb } from '../../src/core/store/state-db.js';
import { startImageServer, type ImageServer } from '../helpers/image-server.js';
import { createTestGpgKey, type TestGpgKey } from '../helpers/test-gpg-key.js';
import {
  defineDomain,
  destroyAndUndefine,
  ensureTestGuest,
  uniqueDomainName,
} from '../helpers/test-guest.js';

const NOT_ROOT = process.getuid?.() !== 0 ? 'needs root (qemu:///system)' : false;
const MiB = 1024 * 1024;
const tag = randomBytes(3).toString('hex');
const poolName = `hvtest-img-int-${tag}`;
const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

describe('ImageService on qemu:///system', { skip: NOT_ROOT }, () => {
  let dir: string;
  let client: LibvirtClient;
  let server: ImageServer;
  let key: TestGpgKey;
  let db: StateDb;
  let guestDisk: Buffer;
  const domains: string[] = [];
  const figures: string[] = [];
  const service = (transfer?: 'local' | 'stream'): ImageService => {
    const { config } = parseConfigText(
      `state_dir: ${dir}/state\nlog_dir: ${dir}/log\nallowed_roots: [${dir}]\nimages:\n  dir: ${dir}/library\n  pool: ${poolName}\n  keyring_dir: ${dir}/keys\n  retries: 1\n  catalog:\n` +
        `    - { name: guest, kind: cloud, url: "${server.base}img/guest.qcow2", checksum: { algorithm: sha256, url: SHA256SUMS }, signature: { url: SHA256SUMS.gpg, fingerprints: ["${key.fingerprint}"] } }\n`,
      'test',
    );
    return new ImageService({
      config,
      db,
      host: () => Promise.resolve(client),
      ...(transfer !== undefined && { transfer }),
    });
  };

  before(async () => {
    dir = mkdtempSync('/var/tmp/hv-int-image-');
    client = await LibvirtClient.connect('qemu:///system');
    server = await startImageServer();
    key = createTestGpgKey();
    mkdirSync(join(dir, 'keys'));
    writeFileSync(join(dir, 'keys', 'test.gpg'), key.publicKeyring);
    guestDisk = readFileSync((await ensureTestGuest()).diskImage);
    const sums = `${sha256(guestDisk)}  guest.qcow2\n`;
    server.put('img/guest.qcow2', guestDisk);
    server.put('img/SHA256SUMS', sums);
    server.put('img/SHA256SUMS.gpg', key.signDetached(sums));
    db = openStateDb(join(dir, 'state', 'hv.db'));
  });

  after(async () => {
    if (figures.length > 0) console.log(`# image figures: ${figures.join('; ')}`);
    for (const d of domains) destroyAndUndefine(d);
    const p = await client.storage.lookupPoolByName(poolName).catch(() => undefined);
    if (p !== undefined) {
      for (const v of await client.storage.listAllVolumes(p).catch(() => []))
        await client.storage.deleteVolume(v).catch(() => undefined);
      await client.storage.destroyPool(p).catch(() => undefined);
      await client.storage.undefinePool(p).catch(() => undefined);
    }
    db.close();
    await client.close();
    await server.close();
    key.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pull creates the library pool and the image is a volume libvirt knows', async () => {
    const r = await service().pull({ source: 'guest' });
    assert.equal(r.image.verifiedBy, 'sha256+gpg');
    assert.equal(r.image.signer, key.fingerprint);
    const pool = await client.storage.lookupPoolByName(poolName);
    assert.equal(await client.storage.isPoolActive(pool), true);
    assert.equal(await client.storage.getPoolAutostart(pool), true);
    assert.match(await client.storage.getPoolXmlDesc(pool), new RegExp(`<path>${dir}/library</path>`));
    const vol = await client.storage.lookupVolumeByName(pool, 'guest.qcow2');
    assert.equal(await client.storage.getVolumePath(vol), r.image.path);
    assert.match(await client.storage.getVolumeXmlDesc(vol), /<format type='qcow2'\/>/);
    assert.equal(sha256(readFileSync(r.image.path)), sha256(guestDisk));
  });

  it('a VM whose disk names the image as a pool volume blocks rm (IN_USE), then rm deletes the volume', async () => {
    const vm = uniqueDomainName('img-vol');
    domains.push(
      defineDomain(
        `<domain type='qemu'><name>${vm}</name><memory unit='MiB'>64</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os><devices>` +
          `<disk type='volume' device='disk'><driver name='qemu' type='qcow2'/><source pool='${poolName}' volume='guest.qcow2'/><target dev='vda' bus='virtio'/></disk></devices></domain>`,
      ),
    );
    const svc = service();
    assert.deepEqual(await svc.usersOf('guest'), [{ vm, target: 'vda', device: 'disk', how: 'volume' }]);
    await assert.rejects(
      svc.remove('guest'),
      (e: unknown) => e instanceof HvError && e.code === 'IN_USE' && e.message.includes(vm),
    );
    destroyAndUndefine(vm);
    const r = await svc.remove('guest');
    assert.equal(r.volumeRemoved, true);
    const pool = await client.storage.lookupPoolByName(poolName);
    await assert.rejects(client.storage.lookupVolumeByName(pool, 'guest.qcow2'));
  });

  it('the stream transfer (remote hosts) uploads through libvirt and stores the same bytes', async () => {
    const r = await service('stream').pull({ source: 'guest', name: 'guest-up' });
    assert.equal(sha256(readFileSync(r.image.path)), sha256(guestDisk));
    const [v] = await service().verify(['guest-up']);
    assert.equal(v?.status, 'ok');
    await service().remove('guest-up');
  });

  it('figures: loopback download and verify throughput (128 MiB)', async () => {
    const big = randomBytes(128 * MiB);
    server.put('big/big.img', big);
    const svc = service();
    const r = await svc.pull({ source: `${server.base}big/big.img`, sha256: sha256(big), name: 'big' });
    assert.equal(r.image.sizeBytes, big.length);
    const [v] = await svc.verify(['big']);
    assert.ok(v !== undefined && v.status === 'ok');
    figures.push(`download ${(big.length / MiB / r.download.seconds).toFixed(0)} MiB/s (incl. hashing)`);
    figures.push(`verify ${(v.bytes / MiB / v.seconds).toFixed(0)} MiB/s sha256`);
    await svc.remove('big');
  });
});
